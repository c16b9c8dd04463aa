// 补签 in Duiba mode (issue 12): the member's points live on the merchant's server, so a make-up's cost is one
// 扣积分 through the member's DuibaAccount (type sign — Duiba's 签到 type; orderNum makeup:<uid>:<date>:<attempt>,
// facePrice = actualPrice = the cost, description "补签 <date>") while the wallet decides the day
// (worker/wallet/makeup-hold.ts): hold → 扣积分 → confirm (the day filled) or release (nothing filled). The
// merchant's answer decides; no answer in 30 s is a failure its 兑换结果通知 resolves. A double tap gets the same
// hold and so the same 扣积分 key (the twin waits for the one call); a Worker that dies between the steps leaves
// the hold to the wallet's alarm, or to the next tap, which asks the same key again.
import { t } from "../../views/i18n";
import type { WalletApi, WalletFailure, WalletRules } from "../wallet/types";
import { makeupChargeKey } from "../wallet/makeup-hold";
import type { WalletStub } from "../wallet/wallet-stub";
import type { DuibaAccountStub } from "./account-stub";
import type { ChargeResult, DuibaConfig } from "./account-types";

export type MakeupDuibaResult =
  | Awaited<ReturnType<WalletApi["makeupCheckin"]>>
  | (Extract<ChargeResult, { ok: false }> & { cost: number });

/** The orderNum the merchant sees: unique per member, day and attempt (a refused attempt's is never reused). */
export const makeupOrderNum = (uid: string, date: string, attempt: number) => `makeup:${uid}:${date}:${attempt}`;

export async function makeupDuiba(
  wallet: Pick<WalletStub, "makeupHold" | "makeupConfirm" | "makeupRelease">,
  account: Pick<DuibaAccountStub, "charge">,
  config: DuibaConfig,
  m: { uid: string; date: string; now: number; rules: WalletRules },
): Promise<MakeupDuibaResult> {
  const held = await wallet.makeupHold(m);
  if (!held.ok) return held satisfies WalletFailure;
  if (held.state === "DONE") return held.result;
  const { attempt, cost } = held;
  const charged = await account.charge({
    uid: m.uid,
    key: makeupChargeKey(m.date, attempt),
    orderNum: makeupOrderNum(m.uid, m.date, attempt),
    credits: cost,
    type: "sign",
    description: t("duiba.charge.makeup", { date: m.date }),
    now: m.now,
    config,
  });
  if (charged.ok) return wallet.makeupConfirm({ ...m, attempt });
  await wallet.makeupRelease({ ...m, attempt });
  return { ...charged, cost };
}
