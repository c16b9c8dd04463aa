// The console's log of Duiba calls (Turso duiba_calls): the calls to the merchant, projected from the members'
// DuibaAccount objects, and the autologin links received, written here. Newest first, paged by a cursor.
import { and, desc, eq, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { duibaCalls } from "../../db/schema";
import { LOG_TEXT_MAX } from "./merchant-call";

export type DuibaCallView = typeof duibaCalls.$inferSelect;

export async function logAutologin(
  db: Db,
  input: { uid: string; request: string; answer: string; ok: boolean; now: number },
): Promise<void> {
  await db.insert(duibaCalls).values({
    id: `autologin:${crypto.randomUUID()}`,
    kind: "autologin",
    uid: input.uid.slice(0, 64),
    orderNum: null,
    request: input.request.slice(0, LOG_TEXT_MAX),
    answer: input.answer,
    outcome: input.ok ? "ok" : "fail",
    httpStatus: input.ok ? 302 : 401,
    durationMs: 0,
    createdAt: input.now,
  });
}

/** A page of calls, newest first; `cursor` is the last page's nextCursor ("<createdAt>:<id>"). */
export async function listDuibaCalls(
  db: Db,
  q: { limit: number; cursor?: string },
): Promise<{ calls: DuibaCallView[]; nextCursor: string | null }> {
  let where: SQL | undefined;
  if (q.cursor) {
    const i = q.cursor.indexOf(":");
    const at = Number(q.cursor.slice(0, i));
    const id = q.cursor.slice(i + 1);
    where = or(lt(duibaCalls.createdAt, at), and(eq(duibaCalls.createdAt, at), lt(duibaCalls.id, id)));
  }
  const got = await db
    .select()
    .from(duibaCalls)
    .where(where)
    .orderBy(desc(duibaCalls.createdAt), desc(duibaCalls.id))
    .limit(q.limit + 1);
  const calls = got.slice(0, q.limit);
  const last = calls[calls.length - 1];
  return { calls, nextCursor: got.length > q.limit && last ? `${last.createdAt}:${last.id}` : null };
}
