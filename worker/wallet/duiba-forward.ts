// 加积分 the wallet owes the merchant in Duiba mode (兑吧兼容, issue 12). A member who came in through a Duiba
// autologin link is marked duiba_linked; their check-in, task reward and lottery points prize are then queued
// here in the same synchronous step as the earning itself, so a Worker that dies before the route's own
// 加积分 call (worker/duiba/earned.ts) loses nothing. The wallet's alarm hands each due row to the member's
// DuibaAccount (worker/duiba/forward-drain.ts; addCredits is idempotent on the ref and owns the merchant call
// and its retries from then on) and marks it DONE only once that object answered. The route still calls at
// once so the credits show now; the alarm waits FORWARD_GRACE_MS first, and a ref the route already sent
// changes nothing the second time.
import { backoffMs } from "../objects/outbox-backoff";
import { row, rows } from "../objects/sql";

export type ForwardKind = "checkin" | "task" | "lottery";

/** How long the alarm leaves a queued 加积分 to the request that earned it. */
export const FORWARD_GRACE_MS = 30_000;
/** Rows one alarm hands over. */
export const FORWARD_BATCH = 20;

export type ForwardRow = { ref: string; credits: number; kind: ForwardKind; attempts: number };

export function markDuibaLinked(sql: SqlStorage): void {
  sql.exec("update member set duiba_linked = 1 where id = 1 and duiba_linked = 0");
}

export function isDuibaLinked(sql: SqlStorage): boolean {
  return row<{ l: number }>(sql, "select duiba_linked as l from member where id = 1")?.l === 1;
}

/** Queues the earning's 加积分 when the member is Duiba-linked (once per ref). Call inside the earning's tx. */
export function queueForward(sql: SqlStorage, f: { ref: string; credits: number; kind: ForwardKind; now: number }) {
  if (f.credits <= 0 || !isDuibaLinked(sql)) return;
  sql.exec(
    `insert into forwards (ref, credits, kind, next_at, created_at) values (?, ?, ?, ?, ?)
     on conflict(ref) do nothing`,
    f.ref,
    f.credits,
    f.kind,
    Date.now() + FORWARD_GRACE_MS,
    f.now,
  );
}

export function dueForwards(sql: SqlStorage, realNow: number): ForwardRow[] {
  return rows<ForwardRow>(
    sql,
    `select ref, credits, kind, attempts from forwards where state = 'PENDING' and next_at <= ?
     order by next_at limit ?`,
    realNow,
    FORWARD_BATCH,
  );
}

export type ForwardOutcome = { ref: string } & ({ state: "DONE" | "SKIPPED" } | { state: "RETRY"; error: string });

/** The alarm's results, applied in one step (a row another run already settled stays as it is). */
export function applyForwards(sql: SqlStorage, outcomes: ForwardOutcome[], realNow: number): void {
  for (const o of outcomes) {
    if (o.state === "RETRY") {
      sql.exec(
        `update forwards set attempts = attempts + 1, next_at = ? + ?, last_error = ?
         where ref = ? and state = 'PENDING'`,
        realNow,
        backoffMs((row<{ a: number }>(sql, "select attempts as a from forwards where ref = ?", o.ref)?.a ?? 0) + 1),
        o.error.slice(0, 300),
        o.ref,
      );
    } else {
      sql.exec(
        "update forwards set state = ?, next_at = null, done_at = ? where ref = ? and state = 'PENDING'",
        o.state,
        realNow,
        o.ref,
      );
    }
  }
}

export function forwardWakeAt(sql: SqlStorage, realNow: number): number | null {
  const at = row<{ t: number | null }>(sql, "select min(next_at) as t from forwards where state = 'PENDING'")?.t;
  return at === null || at === undefined ? null : Math.max(at, realNow);
}

export type ForwardView = { ref: string; credits: number; kind: ForwardKind; state: string; attempts: number };

export function forwardsOf(sql: SqlStorage): ForwardView[] {
  return rows<ForwardView>(sql, "select ref, credits, kind, state, attempts from forwards order by created_at, ref");
}
