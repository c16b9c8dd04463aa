// The redemption protocol (worker/redeem) in Duiba mode: the member's DuibaAccount in the wallet's place — the
// merchant's 扣积分 answer decides each key — and the stock's holds marked as the DuibaAccount's to resolve, long
// enough for that answer's 30 s timeout.
import type { Db } from "../../db/client";
import { type RedeemDeps, redeemDeps, runRedeem } from "../redeem/redeem";
import type { RedeemInput, RedeemResult } from "../redeem/types";
import { duibaConfigFor } from "./balance";
import { duibaFor } from "./account-stub";
import type { DuibaConfig } from "./account-types";
import { CONSUME_TIMEOUT_MS } from "./protocol";

/** The hold outlives the 扣积分 call's timeout, so the stock alarm asks only once the answer is in. */
export const DUIBA_HOLD_MS = CONSUME_TIMEOUT_MS + 15_000;

export function duibaRedeemDeps(env: Pick<Env, "WALLET" | "STOCK" | "DUIBA_ACCOUNT">, config: DuibaConfig): RedeemDeps {
  return {
    ...redeemDeps(env),
    wallet: (uid) => {
      const account = duibaFor(env, uid);
      return {
        standing: (input) => account.standing({ ...input, config }),
        spend: (input) => account.spend({ ...input, config }),
        resolve: (input) => account.resolve(input),
      };
    },
    hold: { decider: "duiba", holdMs: DUIBA_HOLD_MS },
  };
}

/** A shopper's redemption in the mall's mode: through the wallet (native, or a member who never came in through
 *  a Duiba link), or the merchant's 扣积分 (Duiba mode, a Duiba member). */
export async function redeemInMode(env: Env, db: Db, input: RedeemInput): Promise<RedeemResult> {
  return runRedeem(await redeemDepsInMode(env, db, input.uid), db, input);
}

/** The deps a member's redemption runs with in the mall's mode (the mode itself is memoised per isolate). */
export async function redeemDepsInMode(env: Env, db: Db, uid: string): Promise<RedeemDeps> {
  const config = await duibaConfigFor(env, db, uid);
  return config ? duibaRedeemDeps(env, config) : redeemDeps(env);
}
