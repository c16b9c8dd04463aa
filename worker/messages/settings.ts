// The merchant's message settings (db/schema.ts `message_settings`, one row): how many days ahead points
// expiring are reminded of, and the WeChat subscribe-message template per kind. Read by the console, the
// message centre's subscribe step and the send outbox; saved from 设置 → 消息通知 with its audit row.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { messageSettings } from "../../db/schema";
import { MESSAGE_KINDS, type MessageKind } from "../../domain";
import { auditEntry } from "../audit/audit-log";

export type Templates = Partial<Record<MessageKind, string>>;
export type MessageSettings = { expiryDays: number; templates: Templates; siteOrigin: string };

export const DEFAULT_EXPIRY_DAYS = 7;
export const MAX_EXPIRY_DAYS = 90;
/** WeChat's template ids: letters, digits, - and _ (43 characters in practice). */
export const TEMPLATE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function templatesOf(text: string): Templates {
  const out: Templates = {};
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    for (const k of MESSAGE_KINDS) {
      const id = v?.[k];
      if (typeof id === "string" && TEMPLATE_ID.test(id)) out[k] = id;
    }
  } catch {
    // a bad row means no templates
  }
  return out;
}

export async function loadMessageSettings(db: Db): Promise<MessageSettings> {
  const [row] = await db.select().from(messageSettings).where(eq(messageSettings.id, 1)).limit(1);
  if (!row) return { expiryDays: DEFAULT_EXPIRY_DAYS, templates: {}, siteOrigin: "" };
  return { expiryDays: row.expiryDays, templates: templatesOf(row.templates), siteOrigin: row.siteOrigin };
}

export async function saveMessageSettings(db: Db, actor: string, next: MessageSettings, now: number): Promise<void> {
  const before = await loadMessageSettings(db);
  const templates = JSON.stringify(next.templates);
  await db.batch([
    db
      .insert(messageSettings)
      .values({ id: 1, expiryDays: next.expiryDays, templates, siteOrigin: next.siteOrigin, updatedAt: now })
      .onConflictDoUpdate({
        target: messageSettings.id,
        set: { expiryDays: next.expiryDays, templates, siteOrigin: next.siteOrigin, updatedAt: now },
      }),
    auditEntry(db, {
      actor,
      action: "settings.update",
      target: "message_settings",
      before,
      after: next,
      at: now,
    }),
  ]);
}
