// The paths that enabled visit tasks point at, kept per isolate for VISIT_TARGETS_TTL_MS (like the settings):
// a member's page asks Turso for its visit tasks only when its path is one of them, so the pages without a
// visit task (nearly all) cost no read for the task centre. A task written through this isolate (console,
// API) forgets the copy at once; other isolates see a new or changed visit task within the TTL.
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { tasks } from "../../db/schema";

export const VISIT_TARGETS_TTL_MS = 5_000;

// Plain values only (a promise must not be shared across requests in workerd), per database handle.
const cached = new Map<Db, { until: number; targets: Set<string> }>();
// Bumped by forgetVisitTargets so a read that started before a task write cannot store what it read.
let generation = 0;

export async function visitTargets(db: Db, now = Date.now()): Promise<Set<string>> {
  const hit = cached.get(db);
  if (hit && now < hit.until) return hit.targets;
  const started = generation;
  const rows = await db
    .selectDistinct({ target: tasks.target })
    .from(tasks)
    .where(and(eq(tasks.kind, "visit"), eq(tasks.enabled, true)))
    .limit(500);
  const targets = new Set(rows.map((r) => r.target));
  if (started === generation) cached.set(db, { until: Date.now() + VISIT_TARGETS_TTL_MS, targets });
  return targets;
}

/** After a task write: this isolate reads the visit targets again on the next page. */
export function forgetVisitTargets(): void {
  generation++;
  cached.clear();
}
