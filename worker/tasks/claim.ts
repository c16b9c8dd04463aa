// Claiming a task's reward. Checks (open, tier, complete, browse time) read Turso; the payment is the member's
// wallet object's: earn(source "task", ref task:<id>:<period>). The period comes from the rewards already paid
// (./periods.ts), so a double tap, a retry and two concurrent claims all send the same ref and the wallet pays
// once; the task_claims row is written after the wallet answered (again on a retry, as a no-op).
import { forwardEarned } from "../duiba/earned";
import type { Db } from "../../db/client";
import { taskClaims } from "../../db/schema";
import type { ErrorCode } from "../errors";
import { isMemberBlocked } from "../member/blocked";
import { refusalText } from "../object-text";
import type { MallSettings } from "../settings/load-settings";
import { walletRules } from "../settings/load-settings";
import type { WalletFailure } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import { rewardRef, windowOf } from "./periods";
import { loadProgress, statusOf } from "./progress";
import type { TaskDef } from "./rows";
import { t } from "../../views/i18n";

export type ClaimOutcome =
  | { ok: true; points: number; balance: number; period: string }
  | { ok: false; code: ErrorCode; message?: string; params?: { left?: number } };

/** The wallet's refusals as the member reads them: caps and limits name the numbers. */
function walletRefusal(f: WalletFailure): ClaimOutcome {
  const worded = ["DAILY_CAP_REACHED", "EARN_TOO_LARGE", "EARN_LIMIT_REACHED"].includes(f.code);
  return { ok: false, code: f.code, message: worded ? refusalText(f) : undefined };
}

export function tierAllowed(task: TaskDef, tierKey: string): boolean {
  return task.tiers.length === 0 || task.tiers.includes(tierKey);
}

/**
 * Pays the task's reward for its current period if it is complete. `browseStart`: for a browse task, the
 * start instant of the member's verified browse token (null: none or forged).
 */
export async function claimTask(
  env: Env,
  db: Db,
  o: {
    uid: string;
    task: TaskDef;
    now: number;
    settings: MallSettings;
    browseStart?: number | null;
  },
): Promise<ClaimOutcome> {
  const { uid, task, now, settings } = o;
  if (!task.enabled) return { ok: false, code: "TASK_NOT_OPEN" };
  const window = windowOf(task, now);
  if (window === "upcoming") return { ok: false, code: "TASK_NOT_OPEN" };
  const rules = walletRules(settings);
  const wallet = walletFor(env, uid);
  const [progress, summary, blocked] = await Promise.all([
    loadProgress(db, uid, [task.id]),
    wallet.summary({ uid, now, rules }),
    isMemberBlocked(db, uid),
  ]);
  const status = statusOf(task, progress, now, settings.timeZone);
  if (status.state === "done") return { ok: false, code: "TASK_ALREADY_CLAIMED" };
  if (status.state === "expired" || status.period === null) return { ok: false, code: "TASK_EXPIRED" };
  if (!tierAllowed(task, summary.tier.key)) return { ok: false, code: "TASK_NOT_OPEN" };
  if (task.kind === "browse") {
    const start = o.browseStart ?? null;
    if (start === null || start > now) return { ok: false, code: "TASK_NOT_COMPLETE" };
    const left = Math.ceil((start + task.seconds * 1000 - now) / 1000);
    if (left > 0)
      return { ok: false, code: "TASK_TOO_EARLY", message: t("tasks.tooEarly", { left }), params: { left } };
  } else if (status.state !== "claimable") return { ok: false, code: "TASK_NOT_COMPLETE" };
  if (blocked) return { ok: false, code: "MEMBER_BLOCKED" };
  return pay(env, db, { uid, task, period: status.period, now, settings });
}

/** The wallet's earn for one period of a task, then its task_claims row. */
export async function pay(
  env: Env,
  db: Db,
  o: { uid: string; task: TaskDef; period: string; now: number; settings: MallSettings },
): Promise<ClaimOutcome> {
  const { uid, task, period, now } = o;
  const ref = rewardRef(task.id, period);
  const r = await walletFor(env, uid).earn({
    uid,
    ref,
    reason: t("tasks.ledgerReason", { title: task.title }),
    source: "task",
    points: task.points,
    now,
    rules: walletRules(o.settings),
  });
  if (!r.ok) return walletRefusal(r);
  await db
    .insert(taskClaims)
    .values({ taskId: task.id, uid, period, ref, points: r.earned, at: now })
    .onConflictDoNothing();
  // Duiba mode: the reward goes to the merchant as 加积分 under the task's ref; the balance shown is its credits.
  const credits = await forwardEarned(env, db, { uid, ref, credits: r.earned, kind: "task", now });
  return { ok: true, points: r.earned, balance: credits ?? r.balance, period };
}
