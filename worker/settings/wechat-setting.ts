// The merchant's WeChat login setting (settings.wechat_userinfo): read for the console and the login
// (worker/wechat/login-routes.ts), saved from 设置 → 微信服务号 with its audit row in one batch.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { settings } from "../../db/schema";
import { auditEntry } from "../audit/audit-log";

export async function wechatUserinfo(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ userinfo: settings.wechatUserinfo })
    .from(settings)
    .where(eq(settings.id, 1))
    .limit(1);
  return row?.userinfo ?? false;
}

export async function saveWechatUserinfo(db: Db, actor: string, userinfo: boolean, now: number): Promise<void> {
  const before = await wechatUserinfo(db);
  if (before === userinfo) return;
  await db.batch([
    db.update(settings).set({ wechatUserinfo: userinfo, updatedAt: now }).where(eq(settings.id, 1)),
    auditEntry(db, {
      actor,
      action: "settings.update",
      target: "settings",
      before: { wechatUserinfo: before },
      after: { wechatUserinfo: userinfo },
      at: now,
    }),
  ]);
}
