// The cancellation sweeper (cron, every 5 minutes: wrangler.toml [triggers]). A cancel claims the order in
// Turso, then refunds and restocks; a Worker that dies in between leaves a cancelled order whose points or unit
// have not come back. cancelOrder stamps `cancel_settled_at` once both steps succeeded, so every cancelled order
// still without it a minute after its claim (`updated_at`; the minute keeps clear of a cancel still running) is
// re-driven here through the same runCancel — refund and restock are idempotent on `cancel:<orderId>`, so an
// order that was in fact settled (or cancelled before the column existed) only gets its stamp.
// Bounded: a few small batches per run, oldest first; a failure is logged and left for the next run.
import { and, asc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import { type CancelEnv, cancelDeps, runCancel, type CancelDeps } from "./cancel-order";

/** How long after its claim a cancellation is left to the request that made it. */
export const SETTLE_AFTER_MS = 60_000;

export type SettleOptions = {
  /** The run's clock: orders claimed before `now − minAgeMs` are due. */
  now: number;
  minAgeMs?: number;
  batchSize?: number;
  maxBatches?: number;
};

export type SettleReport = { repaired: string[]; failed: { orderId: string; error: string }[] };

export function settleCancellations(env: CancelEnv, db: Db, opts: SettleOptions): Promise<SettleReport> {
  return runSettleCancellations(cancelDeps(env), db, opts);
}

export async function runSettleCancellations(deps: CancelDeps, db: Db, opts: SettleOptions): Promise<SettleReport> {
  // One batch of 10 by default: about 4 subrequests an order keeps a run under the Workers free plan's 50.
  const { now, minAgeMs = SETTLE_AFTER_MS, batchSize = 10, maxBatches = 1 } = opts;
  const cutoff = now - minAgeMs;
  const report: SettleReport = { repaired: [], failed: [] };
  // Keyset cursor (updated_at, id): an order that fails is passed over for the rest of this run.
  let cursor: { updatedAt: number; id: string } | null = null;
  for (let b = 0; b < maxBatches; b++) {
    const due = await db
      .select({ id: orders.id, updatedAt: orders.updatedAt, reason: orders.cancelReason })
      .from(orders)
      .where(
        and(
          eq(orders.status, "cancelled"),
          isNull(orders.cancelSettledAt),
          lt(orders.updatedAt, cutoff),
          cursor
            ? or(
                gt(orders.updatedAt, cursor.updatedAt),
                and(eq(orders.updatedAt, cursor.updatedAt), gt(orders.id, cursor.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(orders.updatedAt), asc(orders.id))
      .limit(batchSize);
    for (const o of due) {
      try {
        const r = await runCancel(deps, db, { orderId: o.id, by: "merchant", reason: o.reason ?? "", now: Date.now() });
        if (!r.ok) throw new Error(r.code);
        report.repaired.push(o.id);
        console.log(
          JSON.stringify({
            at: new Date().toISOString(),
            event: "cancel_settled",
            orderId: o.id,
            refunded: r.refunded,
          }),
        );
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        report.failed.push({ orderId: o.id, error });
        console.error(
          JSON.stringify({ at: new Date().toISOString(), event: "cancel_settle_failed", orderId: o.id, error }),
        );
      }
    }
    const last = due.at(-1);
    if (!last || due.length < batchSize) break;
    cursor = { updatedAt: last.updatedAt, id: last.id };
  }
  return report;
}
