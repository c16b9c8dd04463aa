// 消息中心 through the real Worker: expiry reminders from the schedule (run twice: one message), a shipped order's
// message from its trigger, the header's unread badge, marking one and all read (htmx and without JS), and bad
// input refused without changing anything.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { balanceProjection, messages } from "../../db/schema";
import { eventually } from "../webhooks/test-webhooks";
import { csrfOf, get, HX, login, post } from "../shop/test-session";
import { mallRules } from "../redeem/test-support";
import { walletFor } from "../wallet/wallet-stub";
import { remindExpiringPoints } from "./expiry-reminders";
import { db, messagesOf, runSchedule, saveMessageSettingsForm, shippedOrder } from "./test-support";

const DAY = 86_400_000;
const badge = (html: string) => /id="message-badge"[^>]*data-unread="(\d+)"/.exec(html)?.[1];

/** Points for `uid` in a lot that expires in `days` days, and the instant Turso's projection shows for it. */
async function expiringLot(uid: string, points: number, days: number): Promise<number> {
  const rules = { ...(await mallRules()), expiry: { kind: "days" as const, days } };
  const r = await walletFor(env, uid).earn({
    uid,
    ref: `lot-${crypto.randomUUID()}`,
    reason: "测试",
    source: "purchase",
    points,
    now: Date.now(),
    rules,
  });
  expect(r.ok).toBe(true);
  return eventually(async () => {
    const [row] = await db().select().from(balanceProjection).where(eq(balanceProjection.uid, uid));
    return row?.expiring.find((e) => e.points === points)?.expiresAt;
  });
}

describe("message centre", () => {
  it("reminds of points expiring within N days once per member per lot-expiry, however often the schedule runs", async () => {
    expect((await saveMessageSettingsForm({ expiryDays: "7" })).status).toBe(303);
    const m = await login();
    const soon = await expiringLot(m.uid, 40, 3);
    const later = await expiringLot(m.uid, 60, 30); // beyond the 7 days: not yet

    await runSchedule();
    await runSchedule(); // the schedule again: nothing new
    const first = await messagesOf(m.uid);
    expect(first.filter((x) => x.kind === "points_expiring")).toEqual([
      expect.objectContaining({ dedupeKey: `expiry:${soon}`, link: "/me/points", readAt: null }),
    ]);
    expect(JSON.parse(first.find((x) => x.kind === "points_expiring")!.params)).toEqual({
      points: 40,
      expiresAt: soon,
    });

    // 27 days on, the second lot is within 7 days: its own reminder, once; the first is not repeated.
    const at = later - 3 * DAY;
    expect(await remindExpiringPoints(db(), at)).toBeGreaterThanOrEqual(1);
    expect(await remindExpiringPoints(db(), at)).toBe(0);
    const keys = (await messagesOf(m.uid)).filter((x) => x.kind === "points_expiring").map((x) => x.dedupeKey);
    expect(keys).toEqual([`expiry:${soon}`, `expiry:${later}`]);

    const page = await (await get("/messages", m.cookie)).text();
    expect(page).toContain("积分即将到期");
    expect(page).toContain("您有 40 积分将于");
    expect(page).toContain('href="/me/points"');
    expect(badge(page)).toBe("2");
  });

  it("does not remind when the merchant set 0 days", async () => {
    expect((await saveMessageSettingsForm({ expiryDays: "0" })).status).toBe(303);
    const m = await login();
    await expiringLot(m.uid, 25, 2);
    await runSchedule();
    expect((await messagesOf(m.uid)).filter((x) => x.kind === "points_expiring")).toEqual([]);
    expect((await saveMessageSettingsForm({ expiryDays: "7" })).status).toBe(303);
  });

  it("tells the member their order shipped, once, linking to the order", async () => {
    const m = await login();
    const orderId = await shippedOrder(m.uid, "SF10000001");
    const rows = (await messagesOf(m.uid)).filter((x) => x.kind === "order_shipped");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ link: `/me/orders/${orderId}`, dedupeKey: `order:${orderId}:shipped` });
    const html = await (await get("/messages", m.cookie)).text();
    expect(html).toContain("订单已发货");
    expect(html).toContain("顺丰速运 SF10000001");
    expect(html).toContain(`href="/me/orders/${orderId}"`);
  });

  it("counts unread in the header and marks one, then all, read (htmx: list + badge out of band; no JS: 303)", async () => {
    const m = await login();
    await shippedOrder(m.uid, "SF20000001");
    await shippedOrder(m.uid, "SF20000002");
    await shippedOrder(m.uid, "SF20000003");
    const home = await (await get("/", m.cookie)).text();
    expect(badge(home)).toBe("3");

    const [a, b] = await messagesOf(m.uid);
    const csrf = await csrfOf(m.cookie);
    const one = await post(`/messages/${a!.id}/read`, m.cookie, { _csrf: csrf, page: "1" }, HX);
    expect(one.status).toBe(200);
    const frag = await one.text();
    expect(frag).toContain('id="message-list"');
    expect(frag).toMatch(/id="message-badge"[^>]*data-unread="2"[^>]*hx-swap-oob="true"/);
    expect(frag).toContain(`data-message-id="${a!.id}" data-kind="order_shipped" data-read="true"`);

    const again = await post(`/messages/${a!.id}/read`, m.cookie, { _csrf: csrf, page: "1" }); // no JS, already read
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/messages?page=1");

    const noJs = await post(`/messages/${b!.id}/read`, m.cookie, { _csrf: csrf, page: "1" });
    expect(noJs.status).toBe(303);
    expect(badge(await (await get("/messages", m.cookie)).text())).toBe("1");

    const all = await post("/messages/read-all", m.cookie, { _csrf: csrf, page: "1" }, HX);
    expect(all.status).toBe(200);
    expect(await all.text()).toMatch(/id="message-badge"[^>]*data-unread="0"/);
    expect((await messagesOf(m.uid)).every((x) => x.readAt !== null)).toBe(true);
  });

  it("pages the list, 20 a page, newest first", async () => {
    const m = await login();
    const now = Date.now();
    await db()
      .insert(messages)
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          uid: m.uid,
          kind: "task_reward" as const,
          dedupeKey: `ledger:task:T${i}`,
          params: JSON.stringify({ points: i + 1, reason: `任务 ${i + 1}` }),
          link: "/tasks",
          createdAt: now + i,
        })),
      );
    const p1 = await (await get("/messages", m.cookie)).text();
    expect(p1).toContain("任务 23，获得 23 积分");
    expect(p1).not.toContain("任务 3，获得 3 积分");
    expect(p1).toContain("第 1 / 2 页");
    expect(p1).toContain('href="/messages?page=2"');
    const p2 = await (await get("/messages?page=2", m.cookie)).text();
    expect(p2).toContain("任务 1，获得 1 积分");
    expect(p2.match(/data-message-id=/g)).toHaveLength(3);
  });

  it("refuses bad input and another member's message, changing nothing", async () => {
    const owner = await login();
    await shippedOrder(owner.uid, "SF30000001");
    const [theirs] = await messagesOf(owner.uid);
    const other = await login();
    const csrf = await csrfOf(other.cookie);
    expect((await post(`/messages/${theirs!.id}/read`, other.cookie, { _csrf: csrf, page: "1" })).status).toBe(404);
    expect((await post("/messages/abc/read", other.cookie, { _csrf: csrf, page: "1" })).status).toBe(404);
    expect((await post(`/messages/${theirs!.id}/read`, other.cookie, { _csrf: csrf, page: "0" })).status).toBe(400);
    expect((await post(`/messages/${theirs!.id}/read`, owner.cookie, { page: "1" })).status).toBe(403); // no CSRF
    expect((await get("/messages?page=-1", other.cookie)).status).toBe(400);
    expect((await post("/messages/subscriptions", other.cookie, { _csrf: csrf, accept: "bad id!" })).status).toBe(422);
    const [still] = await db()
      .select()
      .from(messages)
      .where(and(eq(messages.id, theirs!.id), eq(messages.uid, owner.uid)));
    expect(still!.readAt).toBeNull();
    const guest = await get("/messages");
    expect(guest.status).toBe(200);
    expect(await guest.text()).not.toContain('id="message-list"');
  });
});
