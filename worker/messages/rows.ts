// A member's messages in Turso (db/schema.ts `messages`): the page of the message centre, the unread count of
// the header's badge, and marking read. Messages are only ever written by the triggers of migration 0018 and by
// the expiry reminders (expiry-reminders.ts); members only mark them read.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { messages } from "../../db/schema";
import { isMessageKind, type MessageKind } from "../../domain";
import { forgetMember } from "../identity/session-memo";

export const PAGE_SIZE = 20;

export type MessageRow = {
  id: number;
  kind: MessageKind;
  params: Record<string, string | number>;
  link: string;
  createdAt: number;
  read: boolean;
};

export type MessagePage = { items: MessageRow[]; page: number; pages: number; total: number; unread: number };

function paramsOf(text: string): Record<string, string | number> {
  try {
    const v = JSON.parse(text) as unknown;
    if (!v || typeof v !== "object" || Array.isArray(v)) return {};
    const out: Record<string, string | number> = {};
    for (const [k, x] of Object.entries(v)) if (typeof x === "string" || typeof x === "number") out[k] = x;
    return out;
  } catch {
    return {};
  }
}

/** A link only ever to a path of our own origin (the triggers write them; this keeps a bad row harmless). */
const safeLink = (link: string) => (/^\/(?![/\\])/.test(link) ? link : "/");

export async function unreadCount(db: Db, uid: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(messages)
    .where(and(eq(messages.uid, uid), isNull(messages.readAt)));
  return row?.n ?? 0;
}

/** One page (1-based, newest first) with the totals, in one batch. */
export async function messagePage(db: Db, uid: string, page: number): Promise<MessagePage> {
  const mine = eq(messages.uid, uid);
  const [rows, [all], [unread]] = await db.batch([
    db
      .select()
      .from(messages)
      .where(mine)
      .orderBy(desc(messages.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(messages).where(mine),
    db
      .select({ n: count() })
      .from(messages)
      .where(and(mine, isNull(messages.readAt))),
  ]);
  const total = all?.n ?? 0;
  return {
    items: rows
      .filter((r) => isMessageKind(r.kind))
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        params: paramsOf(r.params),
        link: safeLink(r.link),
        createdAt: r.createdAt,
        read: r.readAt !== null,
      })),
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    unread: unread?.n ?? 0,
  };
}

/** Marks one of the member's messages read; false when it is not theirs (or does not exist). Already read: true. */
export async function markRead(db: Db, uid: string, id: number, now: number): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id, readAt: messages.readAt })
    .from(messages)
    .where(and(eq(messages.uid, uid), eq(messages.id, id)))
    .limit(1);
  if (!row) return false;
  if (row.readAt === null) {
    await db
      .update(messages)
      .set({ readAt: now })
      .where(and(eq(messages.id, id), isNull(messages.readAt)));
    forgetMember(uid); // the header's unread count, kept with the session in this isolate
  }
  return true;
}

export async function markAllRead(db: Db, uid: string, now: number): Promise<number> {
  const r = await db
    .update(messages)
    .set({ readAt: now })
    .where(and(eq(messages.uid, uid), isNull(messages.readAt)));
  forgetMember(uid); // the header's unread count, kept with the session in this isolate
  return r.rowsAffected;
}
