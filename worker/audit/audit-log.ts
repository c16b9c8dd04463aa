// The audit log: every admin mutation writes one row. auditEntry returns the insert *query* (not run) so the
// caller puts it in the same db.batch as the change it records: both are written or neither.
import { desc, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog } from "../../db/schema";

export type AuditInput = {
  /** who: the admin's email (or, for a failed login, the email that was tried) */
  actor: string;
  /** what, e.g. "admin.login", "admin.user_create" */
  action: string;
  /** on what, e.g. "admin_user:ops@example.com" */
  target: string;
  before?: unknown;
  after?: unknown;
  /** epoch ms */
  at: number;
};

export function auditEntry(db: Db, { actor, action, target, before = null, after = null, at }: AuditInput) {
  return db.insert(auditLog).values({ actor, action, target, before, after, at });
}

export const AUDIT_PAGE = 20;

export type AuditRow = typeof auditLog.$inferSelect;

/** One page, newest first (by id, which follows time); nextCursor is the id to continue below. */
export async function auditPage(
  db: Db,
  cursor: number | undefined,
  limit = AUDIT_PAGE,
): Promise<{ rows: AuditRow[]; nextCursor: number | null }> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(cursor === undefined ? undefined : lt(auditLog.id, cursor))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return { rows: page, nextCursor: more ? page[page.length - 1]!.id : null };
}
