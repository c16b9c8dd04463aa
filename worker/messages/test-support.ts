// For the message centre's tests: the schedule through the Worker's own `scheduled` export, the console's
// 消息通知 form, a member's messages as Turso holds them, a shipped physical order through the real redemption
// and the Merchant API, and the fake WeChat's control API.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect, inject } from "vitest";
import { getDb } from "../../db/client";
import { messages } from "../../db/schema";
import type { DeliveryAddress } from "../../domain";
import { ownerSession, postForm } from "../admin/test-admin";
import { call, earn, newRef, putMember, withRef } from "../api/test-client";
import worker from "../index";
import { redeem } from "../redeem/redeem";
import type { MESSAGE_CRON } from "./cron";

export const db = () => getDb(env.TURSO_DATABASE_URL);
export const wx = () => inject("fakes").wechat;

/** One run of the schedule through the real handler: the five-minute tick (reminders + sends) or the minute's. */
export async function runSchedule(cron: "*/5 * * * *" | typeof MESSAGE_CRON = "*/5 * * * *", at = new Date()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** The template ids every message test saves (the settings are one row, shared by the test files). */
export const TEMPLATES = {
  template_order_shipped: "TPL_order_shipped_test",
  template_points_expiring: "TPL_points_expiring_test",
};

export async function saveMessageSettingsForm(fields: Record<string, string>): Promise<Response> {
  const s = await ownerSession("/admin/settings/messages");
  return postForm(
    "/admin/settings/messages",
    s.cookie,
    new URLSearchParams({ _csrf: s.csrf, ...TEMPLATES, ...fields }),
  );
}

export async function messagesOf(uid: string) {
  return db().select().from(messages).where(eq(messages.uid, uid)).orderBy(messages.id);
}

const ADDRESS: DeliveryAddress = {
  recipient: "张三",
  phone: "13800138000",
  region: "上海市 徐汇区",
  detail: "漕溪北路 1 号",
};

/** A physical order of `uid` (who gets the points for it first), shipped through the Merchant API. */
export async function shippedOrder(uid: string, trackingNo = `SF${Date.now()}`.slice(0, 14)): Promise<string> {
  const item = await call("POST", "/api/v1/items", {
    sku: `M-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
    name: "消息测试商品",
    type: "physical",
    points: 100,
    stock: 5,
  });
  expect(item.status, JSON.stringify(item.json)).toBe(201);
  await putMember(uid, { nickname: "消息" });
  const e = await earn(uid, { ref: newRef("seed"), reason: "测试充值", points: 500, source: "purchase" });
  expect(e.status, JSON.stringify(e.json)).toBe(200);
  const r = await redeem(env, db(), {
    uid,
    itemId: item.json.id,
    qty: 1,
    key: crypto.randomUUID(),
    address: ADDRESS,
    now: Date.now(),
  });
  if (!r.ok) throw new Error(`redeem refused: ${r.code}`);
  const shipped = await call(
    "POST",
    `/api/v1/orders/${encodeURIComponent(r.order.id)}/ship`,
    withRef({ carrier: "顺丰速运", trackingNo }),
  );
  expect(shipped.status, JSON.stringify(shipped.json)).toBe(200);
  return r.order.id;
}

export async function fakeWechat(path: string, body?: unknown): Promise<any> {
  const res = await fetch(
    `${wx().url}${path}`,
    body === undefined ? {} : { method: "POST", body: JSON.stringify(body) },
  );
  return res.json();
}
