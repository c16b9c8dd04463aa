// Worker entry point.
import { app } from "./app";

export { MemberWallet } from "./wallet/member-wallet";

export default app satisfies ExportedHandler<Env>;
