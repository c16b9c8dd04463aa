// For the API audit tests: the audit rows of one target, and a Merchant API token created in the console.
import { env } from "cloudflare:workers";
import { and, asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "../../db/client";
import { auditLog } from "../../db/schema";
import { login, OWNER, pageCsrf } from "../admin/test-admin";
import { post } from "../shop/test-session";

const db = () => getDb(env.TURSO_DATABASE_URL);

/** The audit rows of a target (e.g. `item:12`) with this action, oldest first. */
export const auditsOf = (target: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.target, target), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.id));

/** Every audit row of a target, whatever the action. */
export const allAuditsOf = (target: string) => db().select().from(auditLog).where(eq(auditLog.target, target));

/** A token the owner created on /admin/tokens: its name and the `Authorization` header that uses it. */
export async function consoleToken(): Promise<{ name: string; auth: Record<string, string> }> {
  const owner = await login(OWNER.email, OWNER.password);
  const name = `audit-${crypto.randomUUID().slice(0, 8)}`;
  const res = await post("/admin/tokens", owner, { _csrf: await pageCsrf(owner, "/admin/tokens"), name });
  expect(res.status).toBe(200);
  const token = /data-new-token[^>]*>([^<]+)</.exec(await res.text())?.[1];
  expect(token).toBeTruthy();
  return { name, auth: { Authorization: `Bearer ${token}` } };
}
