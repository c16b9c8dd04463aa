// A draw's cost in Duiba mode (issue 12): the member's points live on the merchant's server, so the cost is the
// merchant's 扣积分 through the member's DuibaAccount (type hdtool, orderNum = the cost ref
// lottery:<lotteryId>:<drawKey>, facePrice = actualPrice = the cost) and the merchant's answer decides: ok → the
// draw goes on to its prize; fail or no answer in 30 s → REFUSED before any prize is chosen (no stock taken; a
// timeout's failure notice makes the merchant give back whatever it took). A refunded draw (no prize left, the
// prize undeliverable) gives the cost back as 加积分 under the refund ref. Both calls are idempotent on their ref,
// so the request, a double tap and the alarm may all make them: one 扣积分, one 加积分.
import { t } from "../../views/i18n";
import type { DuibaAccountStub } from "../duiba/account-stub";
import type { DuibaConfig } from "../duiba/account-types";
import { type Call, costRef, refundRef } from "./deliver";

export type DuibaPayer = Pick<DuibaAccountStub, "charge" | "addCredits">;

export type DuibaPaid = "paid" | "INSUFFICIENT_POINTS" | "KEY_REUSED" | "DUIBA_REFUSED" | "DUIBA_TIMEOUT";

/** The merchant's answer to the cost's 扣积分 (a thrown error: unknown, the alarm asks again with the same ref). */
export async function payCostDuiba(a: DuibaPayer, c: Call, points: number, config: DuibaConfig): Promise<DuibaPaid> {
  const ref = costRef(c.lotteryId, c.key);
  const r = await a.charge({
    uid: c.uid,
    key: ref,
    orderNum: ref,
    credits: points,
    type: "hdtool",
    description: t("duiba.charge.lottery", { name: c.lotteryName }),
    now: c.now,
    config,
  });
  return r.ok ? "paid" : r.code;
}

/** The cost back to the merchant as 加积分 (sent now, or retried by the DuibaAccount until answered). */
export async function giveBackDuiba(a: DuibaPayer, c: Call, points: number, config: DuibaConfig): Promise<boolean> {
  const r = await a.addCredits({
    uid: c.uid,
    ref: refundRef(c.lotteryId, c.key),
    credits: points,
    type: "hdtool",
    description: t("duiba.add.lotteryRefund", { name: c.lotteryName }),
    now: c.now,
    config,
  });
  if (!r.ok) console.error(`lottery: the merchant refused the 加积分 giving back ${c.key}'s cost: ${r.code}`);
  return true; // decided by the merchant now or by the DuibaAccount's retries: the draw's part is done
}
