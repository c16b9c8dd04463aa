// The Worker's handle on a member's wallet object: one object per uid (docs/architecture.md §2). Typed as the contract
// (the RPC stub's results carry a no-op Disposable for plain data; callers need not see it).
import type { WalletAdminApi, WalletApi } from "./types";

export type WalletStub = WalletApi & WalletAdminApi;

export function walletFor(env: Pick<Env, "WALLET">, uid: string): WalletStub {
  return env.WALLET.getByName(uid);
}
