// Earned points in Duiba mode (check-in, tasks, lottery prizes): the member's wallet still decides them (the
// streak, the caps, the ref), and the points go out to the merchant as a 加积分 call under the same ref — once
// per ref (the DuibaAccount keeps it, the merchant's server is idempotent on the orderNum derived from it), retried
// on Duiba's schedule while the merchant does not answer. Native mode, or a member who never came through a
// Duiba link: nothing to do. This is the route's eager call, so the credits show at once; the wallet queued the
// same 加积分 with the earning and its alarm sends it if this call never happens (./forward-drain.ts).
import type { Db } from "../../db/client";
import { t } from "../../views/i18n";
import { duibaFor } from "./account-stub";
import type { ForwardKind } from "../wallet/duiba-forward";
import { duibaConfigFor } from "./balance";

export type EarnedKind = ForwardKind;

/** Duiba's 加积分 `type` for each source (兑吧: sign 签到, task 任务, hdtool 互动工具/抽奖). */
export const DUIBA_TYPE: Record<EarnedKind, string> = { checkin: "sign", task: "task", lottery: "hdtool" };

/** Sends the earning; answers the member's credits to show now (null in native mode or on a failed call, which
 *  the object retries). Never throws: the earning itself is already decided. */
export async function forwardEarned(
  env: Env,
  db: Db,
  e: { uid: string; ref: string; credits: number; kind: EarnedKind; now: number },
): Promise<number | null> {
  if (!Number.isSafeInteger(e.credits) || e.credits <= 0) return null;
  try {
    const config = await duibaConfigFor(env, db, e.uid);
    if (!config) return null;
    const account = duibaFor(env, e.uid);
    await account.addCredits({
      uid: e.uid,
      ref: e.ref,
      credits: e.credits,
      type: DUIBA_TYPE[e.kind],
      description: t(`duiba.add.${e.kind}`),
      now: e.now,
      config,
    });
    return (await account.credits()).credits;
  } catch (err) {
    console.error(`duiba: 加积分 of ${e.ref} for ${e.uid} failed: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
