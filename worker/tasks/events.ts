// Merchant-reported events (POST /api/v1/members/{uid}/events {ref, type}): each enabled event task of that
// type that is open and for the member's tier gets one progress mark `event:<ref>` in its current period;
// a task that is then complete is credited at once (auto-credit: a merchant reporting 晒单评价 +50 expects the
// points to arrive with the report). A wallet refusal (a cap) leaves the task claimable on 任务中心.
import type { Db } from "../../db/client";
import type { ErrorCode } from "../errors";
import { isMemberBlocked } from "../member/blocked";
import type { MallSettings } from "../settings/load-settings";
import { walletRules } from "../settings/load-settings";
import { walletFor } from "../wallet/wallet-stub";
import { pay, tierAllowed } from "./claim";
import { periodOf, windowOf } from "./periods";
import { addMark, hasMark, loadProgress, statusOf } from "./progress";
import { tasksFor } from "./rows";

export type EventTaskResult = {
  id: string;
  title: string;
  state: "todo" | "claimable" | "done" | "expired" | "skipped";
  done: number;
  goal: number;
  credited: number;
  /** why nothing was credited when the task was complete (a wallet refusal), or why it was skipped */
  code: ErrorCode | null;
};

export async function reportEvent(
  env: Env,
  db: Db,
  o: { uid: string; ref: string; type: string; now: number; settings: MallSettings },
): Promise<{ tasks: EventTaskResult[]; balance: number }> {
  const { uid, ref, type, now, settings } = o;
  const rules = walletRules(settings);
  const wallet = walletFor(env, uid);
  await wallet.ensureMember({ uid, now, rules });
  const [tasks, summary, blocked] = await Promise.all([
    tasksFor(db, "event", type),
    wallet.summary({ uid, now, rules }),
    isMemberBlocked(db, uid),
  ]);
  const results: EventTaskResult[] = [];
  let balance = summary.balance;
  for (const task of tasks) {
    const base = { id: task.id, title: task.title, done: 0, goal: task.goal, credited: 0 };
    if (windowOf(task, now) !== "open" || !tierAllowed(task, summary.tier.key)) {
      results.push({ ...base, state: "skipped", code: "TASK_NOT_OPEN" });
      continue;
    }
    let progress = await loadProgress(db, uid, [task.id]);
    const paid = progress.claims.get(task.id)?.size ?? 0;
    const period = periodOf(task, now, settings.timeZone, paid);
    // A retried report (same ref) never marks a second period: the ref counts once per task.
    if (
      period !== null &&
      !progress.claims.get(task.id)?.has(period) &&
      !(await hasMark(db, task.id, uid, `event:${ref}`))
    ) {
      await addMark(db, task.id, uid, period, `event:${ref}`, now);
      progress = await loadProgress(db, uid, [task.id]);
    }
    const s = statusOf(task, progress, now, settings.timeZone);
    if (s.state !== "claimable" || s.period === null) {
      results.push({ ...base, state: s.state, done: s.done, code: null });
      continue;
    }
    if (blocked) {
      results.push({ ...base, state: "claimable", done: s.done, code: "MEMBER_BLOCKED" });
      continue;
    }
    const r = await pay(env, db, { uid, task, period: s.period, now, settings });
    if (r.ok) {
      balance = r.balance;
      results.push({ ...base, state: "done", done: s.goal, credited: r.points, code: null });
    } else results.push({ ...base, state: "claimable", done: s.done, code: r.code });
  }
  return { tasks: results, balance };
}
