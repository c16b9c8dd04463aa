// Worker entry point.
import { app } from "./app";

export { ItemStock } from "./stock/item-stock";
export { MemberWallet } from "./wallet/member-wallet";

export default app satisfies ExportedHandler<Env>;
