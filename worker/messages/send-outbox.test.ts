// The WeChat send outbox (订阅消息) against the fake WeChat: a message of a kind with a template, to a member who
// accepted it on /messages, is sent once through /cgi-bin/message/subscribe/bizsend — retried after the fake
// fails (back-off, not before it is due), never sent twice however often the outbox drains; a member WeChat
// answers 43101 for is refused, not retried; one acceptance allows one message.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { messageSends, wechatIdentities, wechatSubscriptions } from "../../db/schema";
import { BASE, csrfOf, get, HX, login, type Member, post } from "../shop/test-session";
import { MESSAGE_CRON } from "./cron";
import { retryDelay } from "./send-backoff";
import { drainMessageSends } from "./send-outbox";
import {
  db,
  fakeWechat,
  messagesOf,
  runSchedule,
  saveMessageSettingsForm,
  shippedOrder,
  TEMPLATES,
  wx,
} from "./test-support";

const TPL = TEMPLATES.template_order_shipped;

/** A member who logged in through WeChat (their openid known to the fake) and answered the subscribe step. */
async function wechatMember(opts: { acceptOnPage: boolean; acceptInWechat: boolean }) {
  const m = await login();
  const user = await fakeWechat("/__fake/wechat/users", { nickname: "订阅者" });
  await db()
    .insert(wechatIdentities)
    .values({ openid: user.openid, appid: wx().appid, uid: m.uid, lastLoginAt: Date.now() });
  if (opts.acceptInWechat) await fakeWechat("/__fake/wechat/subscriptions", { openid: user.openid, templateId: TPL });
  if (opts.acceptOnPage) {
    const res = await post("/messages/subscriptions", m.cookie, { _csrf: await csrfOf(m.cookie), accept: TPL }, HX);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-subscribed="1"');
  }
  return { ...m, openid: user.openid as string };
}

async function sendOf(m: Member) {
  const [msg] = (await messagesOf(m.uid)).filter((x) => x.kind === "order_shipped").slice(-1);
  if (!msg) return undefined;
  const [row] = await db().select().from(messageSends).where(eq(messageSends.messageId, msg.id));
  return row;
}

const sentTo = async (openid: string): Promise<any[]> =>
  fakeWechat(`/__fake/wechat/messages?touser=${encodeURIComponent(openid)}`);

describe("WeChat subscribe messages", () => {
  beforeAll(async () => {
    expect((await saveMessageSettingsForm({ expiryDays: "7" })).status).toBe(303);
  });

  it("sends once, retried after the fake fails, never duplicated however often it drains", async () => {
    const m = await wechatMember({ acceptOnPage: true, acceptInWechat: true });
    // WeChat answers the first send with a 500
    await fetch(`${wx().url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({
        path: "/cgi-bin/message/subscribe/bizsend",
        match: m.openid,
        kind: "status",
        status: 500,
      }),
    });
    const orderId = await shippedOrder(m.uid, "SF40000001");
    const queued = await sendOf(m);
    expect(queued).toMatchObject({ state: "pending", attempts: 0, openid: m.openid, templateId: TPL });
    const [credits] = await db().select().from(wechatSubscriptions).where(eq(wechatSubscriptions.uid, m.uid));
    expect(credits!.credits).toBe(0); // the acceptance is taken by this message

    const t0 = Date.now();
    await drainMessageSends(env, db(), t0);
    const failed = await sendOf(m);
    expect(failed).toMatchObject({ state: "pending", attempts: 1 });
    expect(failed!.lastError).toContain("500");
    expect(failed!.nextAttemptAt).toBeGreaterThanOrEqual(t0 + retryDelay(1)!);
    expect(await sentTo(m.openid)).toHaveLength(0);

    await drainMessageSends(env, db(), t0 + 1_000); // not due yet: untouched
    expect(await sendOf(m)).toMatchObject({ state: "pending", attempts: 1 });

    await drainMessageSends(env, db(), failed!.nextAttemptAt + 1);
    const sent = await sendOf(m);
    expect(sent).toMatchObject({ state: "sent", attempts: 2, lastError: null });
    const got = await sentTo(m.openid);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      template_id: TPL,
      path: "/cgi-bin/message/subscribe/bizsend",
      page: `http://mall.test/me/orders/${orderId}`,
      data: { thing1: { value: "订单已发货" } },
    });
    expect(String(sent!.msgid)).toBe(String(got[0].msgid));

    // drains again, later, and the real schedule: nothing more is sent
    await drainMessageSends(env, db(), failed!.nextAttemptAt + 3_600_000);
    await runSchedule(MESSAGE_CRON);
    await runSchedule();
    expect(await sentTo(m.openid)).toHaveLength(1);
    expect(await sendOf(m)).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("one acceptance, one message: the next message without a new acceptance queues no send", async () => {
    const m = await wechatMember({ acceptOnPage: true, acceptInWechat: true });
    await shippedOrder(m.uid, "SF50000001");
    await drainMessageSends(env, db(), Date.now());
    expect(await sendOf(m)).toMatchObject({ state: "sent" });
    await shippedOrder(m.uid, "SF50000002");
    expect(await sendOf(m)).toBeUndefined();
    expect((await messagesOf(m.uid)).filter((x) => x.kind === "order_shipped")).toHaveLength(2); // still in the centre
    expect(await sentTo(m.openid)).toHaveLength(1);
  });

  it("WeChat's 43101 (not subscribed there) is final: refused, not retried", async () => {
    const m = await wechatMember({ acceptOnPage: true, acceptInWechat: false });
    await shippedOrder(m.uid, "SF60000001");
    const now = Date.now();
    await drainMessageSends(env, db(), now);
    const row = await sendOf(m);
    expect(row).toMatchObject({ state: "refused", attempts: 1 });
    expect(row!.lastError).toContain("43101");
    await drainMessageSends(env, db(), now + 24 * 3_600_000);
    expect(await sendOf(m)).toMatchObject({ state: "refused", attempts: 1 });
  });

  it("a member who never accepted on the page gets no send (only the message centre)", async () => {
    const m = await wechatMember({ acceptOnPage: false, acceptInWechat: true });
    await shippedOrder(m.uid, "SF70000001");
    expect(await sendOf(m)).toBeUndefined();
    expect((await messagesOf(m.uid)).map((x) => x.kind)).toContain("order_shipped");
  });

  it("gives up after the last attempt", async () => {
    const m = await wechatMember({ acceptOnPage: true, acceptInWechat: true });
    await fetch(`${wx().url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({
        path: "/cgi-bin/message/subscribe/bizsend",
        match: m.openid,
        kind: "status",
        status: 503,
        times: 6,
      }),
    });
    await shippedOrder(m.uid, "SF80000001");
    let at = Date.now();
    for (let i = 0; i < 8; i++) {
      await drainMessageSends(env, db(), at);
      const row = await sendOf(m);
      if (row!.state !== "pending") break;
      at = row!.nextAttemptAt + 1;
    }
    expect(await sendOf(m)).toMatchObject({ state: "failed", attempts: 6 });
    expect(await sentTo(m.openid)).toHaveLength(0);
  });
});

describe("the subscribe step on /messages", () => {
  const WECHAT_UA =
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Mobile Safari/537.36 MicroMessenger/8.0.49.2600";

  it("inside WeChat: the open tag with the configured templates and a wx.config that lists it; elsewhere a hint", async () => {
    expect((await saveMessageSettingsForm({ expiryDays: "7" })).status).toBe(303);
    const m = await login();
    const inWechat = await (await get("/messages", m.cookie, { "User-Agent": WECHAT_UA })).text();
    const tag = /<wx-open-subscribe template="([^"]+)" id="subscribe-btn">/.exec(inWechat);
    expect(tag?.[1]?.split(",").sort()).toEqual(Object.values(TEMPLATES).sort());
    const config = JSON.parse(/<meta name="wx-config" content="([^"]+)"/.exec(inWechat)![1]!.replaceAll("&quot;", '"'));
    expect(config).toMatchObject({ appId: wx().appid, openTagList: ["wx-open-subscribe"] });
    expect(inWechat).toMatch(/src="\/js\/messages-subscribe.js(\?v=[0-9a-f]+)?"/);

    const elsewhere = await (await get("/messages", m.cookie)).text();
    expect(elsewhere).not.toContain("<wx-open-subscribe");
    expect(elsewhere).toContain("在微信中打开本页即可订阅微信提醒");

    // the page's report of WeChat's answer: accepted ones counted, rejected and unknown ones not
    const csrf = await csrfOf(m.cookie);
    const body = new URLSearchParams({ _csrf: csrf });
    body.append("accept", TPL);
    body.append("accept", "TPL_not_configured");
    body.append("reject", TEMPLATES.template_points_expiring);
    const res = await SELF.fetch(`${BASE}/messages/subscriptions`, {
      method: "POST",
      body,
      headers: { Cookie: m.cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded", ...HX },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('data-subscribed="1"');
    const rows = await db().select().from(wechatSubscriptions).where(eq(wechatSubscriptions.uid, m.uid));
    expect(rows.map((r) => [r.templateId, r.credits])).toEqual([[TPL, 1]]);
    expect(await (await get("/messages", m.cookie)).text()).toContain("已订阅，还可收到 1 条微信提醒");
  });
});
