// Duiba mode end to end through the Worker: the console switches it on (appSecret write-only), the fake
// merchant's signed autologin link signs a member in (sign, appKey, window and replay checked) and shows the
// merchant's credits, a redemption on the item page goes through the merchant's 扣积分, and the call log pages
// show the calls. The mode is global, so every test that needs it lives in this one file (sequential), and it
// is switched off at the end; members that never came through a Duiba link stay native meanwhile.
import { runDurableObjectAlarm, runInDurableObject, SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { desc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, duibaCalls } from "../../db/schema";
import { ownerSession, postForm } from "../admin/test-admin";
import { call, newRef } from "../api/test-client";
import { createItem, db, mallRules } from "../redeem/test-support";
import { walletFor } from "../wallet/wallet-stub";
import { cancelDeps, runCancel } from "../redeem/cancel-order";
import { settleCancellations } from "../redeem/settle-cancellations";
import { stockFor } from "../stock/stock-stub";
import { shardOrder, shardRules } from "../stock/shards";
import { BASE, csrfOf, get, HX, inputValue, login, post, redeemForm } from "../shop/test-session";
import { addDays, localDate } from "../wallet/local-time";
import { makeupChargeKey } from "../wallet/makeup-hold";
import type { DuibaAccount } from "./account-object";
import { makeupOrderNum } from "./makeup-charge";
import { claim, newTask } from "../tasks/test-support";
import { duibaFor } from "./account-stub";
import { logAutologin } from "./call-log";
import { signAutologin } from "./protocol";
import { verifyDuibaSign } from "./sign";
import {
  merchant,
  merchantConfig,
  merchantFault,
  merchantMember,
  merchantRefuse,
  merchantRequests,
  merchantState,
} from "./test-support";

let owner: { cookie: string; csrf: string };

function settingsForm(over: Record<string, string> = {}) {
  const f = merchant();
  return new URLSearchParams({
    _csrf: owner.csrf,
    mode: "duiba",
    appKey: f.appKey,
    appSecret: f.appSecret,
    consumeUrl: f.consumeUrl,
    notifyUrl: f.notifyUrl,
    addCreditsUrl: f.addCreditsUrl,
    ...over,
  });
}

/** A link as the merchant's server builds it (the fake signs with node:crypto). */
async function merchantLink(uid: string, credits: number, redirect?: string): Promise<string> {
  const r = await fetch(`${merchant().url}/__fake/duiba/autologin`, {
    method: "POST",
    body: JSON.stringify({ uid, credits, redirect, url: `${BASE}/autoLogin/autologin` }),
  });
  return ((await r.json()) as { url: string }).url;
}

const open = (url: string) => SELF.fetch(url, { redirect: "manual" });
const sessionOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0]!;
const balanceIn = (html: string) =>
  /id="balance-badge"[^>]*>[\s\S]*?<\/span>\s*([\d,]+) 积分/.exec(html)?.[1]?.replace(/,/g, "");

beforeAll(async () => {
  owner = await ownerSession("/admin/duiba");
});

afterAll(async () => {
  // back to native for every other test file
  await postForm("/admin/duiba/settings", owner.cookie, settingsForm({ mode: "native" }));
});

describe("the console's 兑吧兼容 section", () => {
  it("refuses bad or incomplete settings with 422 and saves good ones; the appSecret is never shown again", async () => {
    const bad = await postForm("/admin/duiba/settings", owner.cookie, settingsForm({ consumeUrl: "javascript:1" }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('data-field-error="consumeUrl"');
    const incomplete = await postForm("/admin/duiba/settings", owner.cookie, settingsForm({ notifyUrl: "" }));
    expect(incomplete.status).toBe(422);

    const ok = await postForm("/admin/duiba/settings", owner.cookie, settingsForm());
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain("data-duiba-notice");
    expect(html).not.toContain(merchant().appSecret);
    expect(html).toContain('data-secret-set="true"');
    expect(inputValue(html, "appKey")).toBe(merchant().appKey);
    // the secret kept when left blank
    const again = await postForm("/admin/duiba/settings", owner.cookie, settingsForm({ appSecret: "" }));
    expect(again.status).toBe(200);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "admin.duiba_settings"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.after).toContain('"appSecret":"kept"');
    expect(audit!.after).not.toContain(merchant().appSecret);
  });
});

describe("Duiba autologin", () => {
  it("signs the member in and shows the merchant's credits; a replay, a tampered link, another appKey and an old link are 401", async () => {
    const uid = `dbl-${crypto.randomUUID()}`;
    await merchantMember(uid, 321);
    const url = await merchantLink(uid, 321, "https://activity.m.duiba.com.cn/mobile/index?x=1");
    const res = await open(url);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/mobile/index?x=1"); // only the path: never off the mall
    const cookie = sessionOf(res);
    expect(balanceIn(await (await get("/", cookie)).text())).toBe("321");

    expect((await open(url)).status).toBe(401); // used once
    const tampered = new URL(await merchantLink(uid, 5));
    tampered.searchParams.set("credits", "99999");
    expect((await open(tampered.toString())).status).toBe(401);
    const other = new URL(await merchantLink(uid, 5));
    other.searchParams.set("appKey", "OTHER");
    expect((await open(other.toString())).status).toBe(401);
    const f = merchant();
    const old = await signAutologin(f.appKey, f.appSecret, { uid, credits: 5 }, Date.now() - 6 * 60_000);
    expect((await open(`${BASE}/duiba/autologin?${new URLSearchParams(old)}`)).status).toBe(401);
    expect((await open(`${BASE}/duiba/autologin?uid=${uid}&appKey=${f.appKey}`)).status).toBe(400);
    // A new link refreshes the credits.
    const later = sessionOf(await open(await merchantLink(uid, 400)));
    expect(balanceIn(await (await get("/", later)).text())).toBe("400");
    expect((await duibaFor(env, uid).credits()).credits).toBe(400);
    const logged = await db().select().from(duibaCalls).where(eq(duibaCalls.uid, uid));
    expect(logged.filter((r) => r.kind === "autologin" && r.outcome === "ok").length).toBe(2);
    expect(logged.filter((r) => r.kind === "autologin" && r.outcome === "fail").length).toBeGreaterThanOrEqual(3);
  });

  it("a member who never came through a Duiba link keeps the mall's own points meanwhile", async () => {
    const m = await login();
    const html = await (await get("/", m.cookie)).text();
    expect(balanceIn(html)).toBe("50"); // the mall's new-member bonus, in its own wallet
    expect((await duibaFor(env, m.uid).credits()).linked).toBe(false);
  });
});

describe("redeeming in Duiba mode through the item page", () => {
  it("calls the merchant's 扣积分: the order is placed, the merchant's credits and the header say the same, the log shows the call", async () => {
    const uid = `dbr-${crypto.randomUUID()}`;
    await merchantMember(uid, 500);
    const cookie = sessionOf(await open(await merchantLink(uid, 500)));
    const { itemId } = await createItem({ points: 120, stock: 5 });
    const { key, csrf } = await redeemForm(cookie, itemId);
    const res = await post(`/items/${itemId}/redeem`, cookie, { _csrf: csrf, key, qty: "1" });
    expect(res.status).toBe(200);
    const html = await res.text();
    const orderId = /data-order-id="([^"]+)"/.exec(html)?.[1];
    expect(balanceIn(html)).toBe("380"); // the result page's header: the 扣积分 answer's credits
    expect(orderId).toMatch(/^PM\d{8}[0-9A-F]{12}$/);
    expect(await merchantState(uid)).toMatchObject({ credits: 380 });
    expect(balanceIn(await (await get("/", cookie)).text())).toBe("380");
    // The same form again (a double submit): the same order, no second 扣积分.
    const again = await post(`/items/${itemId}/redeem`, cookie, { _csrf: csrf, key, qty: "1" });
    expect(/data-order-id="([^"]+)"/.exec(await again.text())?.[1]).toBe(orderId);
    expect((await merchantState(uid)).orders.filter((o) => o.kind === "consume").length).toBe(1);
    // Refused by the merchant (too few credits): 409, nothing taken.
    const { key: k2, csrf: c2 } = await redeemForm(cookie, itemId);
    await merchantMember(uid, 10);
    const refused = await post(`/items/${itemId}/redeem`, cookie, { _csrf: c2, key: k2, qty: "1" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('data-error-code="INSUFFICIENT_POINTS"');

    expect((await duibaFor(env, uid).drainOutbox()).ok).toBe(true);
    const log = await (await get("/admin/duiba", owner.cookie)).text();
    expect(log).toContain(`data-order-num="${orderId}"`);
    expect(log).toContain('data-call-kind="consume"');
    const rows = await db().select().from(duibaCalls).where(eq(duibaCalls.orderNum, orderId!));
    expect(rows.find((r) => r.kind === "consume")).toMatchObject({ outcome: "ok", uid, httpStatus: 200 });
    expect(rows.find((r) => r.kind === "consume")!.request).toContain(`orderNum=${orderId}`);
  });

  it("a sharded item: a key whose shard is empty moves on to the next one, with one 扣积分; SOLD_OUT only when all are", async () => {
    const uid = `dbs-${crypto.randomUUID()}`;
    await merchantMember(uid, 500);
    const cookie = sessionOf(await open(await merchantLink(uid, 500)));
    const { itemId, rules } = await createItem({ points: 100, stock: 2, shards: 2 }); // one unit per shard
    const { key, csrf } = await redeemForm(cookie, itemId);
    const [own, next] = shardOrder(key, 2) as [number, number];
    const emptied = await stockFor(env, itemId, own).adjust({
      ref: newRef("empty"),
      delta: -1,
      now: Date.now(),
      rules: shardRules(rules, own),
    });
    expect(emptied.ok).toBe(true);
    const res = await post(`/items/${itemId}/redeem`, cookie, { _csrf: csrf, key, qty: "1" });
    expect(res.status).toBe(200);
    const orderId = /data-order-id="([^"]+)"/.exec(await res.text())?.[1];
    expect(orderId).toMatch(/^PM/);
    expect(await stockFor(env, itemId, next).status({ rules: shardRules(rules, next) })).toMatchObject({ sold: 1 });
    expect(await stockFor(env, itemId, own).status({ rules: shardRules(rules, own) })).toMatchObject({ sold: 0 });
    // A double submit: the same order, still one 扣积分.
    const again = await post(`/items/${itemId}/redeem`, cookie, { _csrf: csrf, key, qty: "1" });
    expect(/data-order-id="([^"]+)"/.exec(await again.text())?.[1]).toBe(orderId);
    const consumes = async () => (await merchantState(uid)).orders.filter((o) => o.kind === "consume").length;
    expect(await consumes()).toBe(1);
    expect(await merchantState(uid)).toMatchObject({ credits: 400 });
    // The account answers the key's shard only: another shard's copy of a hold of the key is not committed.
    const account = duibaFor(env, uid);
    expect(await account.resolve({ key, itemId, qty: 1, now: Date.now(), shard: next })).toMatchObject({
      state: "COMMITTED",
    });
    expect(await account.resolve({ key, itemId, qty: 1, now: Date.now(), shard: own })).toMatchObject({
      state: "ABORTED",
    });
    // Every shard empty now: SOLD_OUT, and no 扣积分 for it.
    const { key: k2, csrf: c2 } = await redeemForm(cookie, itemId);
    const sold = await post(`/items/${itemId}/redeem`, cookie, { _csrf: c2, key: k2, qty: "1" });
    expect(sold.status).toBe(409);
    expect(await sold.text()).toContain('data-error-code="SOLD_OUT"');
    expect(await consumes()).toBe(1);
  });
});

describe("a sharded item's per-member limit in Duiba mode", () => {
  it("is the member's across shards: a second key on the other shard is LIMIT_REACHED, with no second 扣积分", async () => {
    const uid = `dbl-${crypto.randomUUID()}`;
    await merchantMember(uid, 500);
    const cookie = sessionOf(await open(await merchantLink(uid, 500)));
    const { itemId, rules } = await createItem({ points: 100, stock: 4, shards: 2, perMemberLimit: 1 });
    const first = await redeemForm(cookie, itemId);
    const own = shardOrder(first.key, 2)[0]!;
    const res = await post(`/items/${itemId}/redeem`, cookie, { _csrf: first.csrf, key: first.key, qty: "1" });
    expect(res.status).toBe(200);
    expect(await stockFor(env, itemId, own).status({ rules: shardRules(rules, own) })).toMatchObject({ sold: 1 });
    // A second key that starts on the other shard (that shard has seen nothing of this member).
    let second = await redeemForm(cookie, itemId);
    while (shardOrder(second.key, 2)[0] === own) second = await redeemForm(cookie, itemId);
    const other = 1 - own;
    const refused = await post(`/items/${itemId}/redeem`, cookie, { _csrf: second.csrf, key: second.key, qty: "1" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('data-error-code="LIMIT_REACHED"');
    // The same key again keeps its answer; the other shard's unit went back; one 扣积分 in all.
    const again = await post(`/items/${itemId}/redeem`, cookie, { _csrf: second.csrf, key: second.key, qty: "1" });
    expect(await again.text()).toContain('data-error-code="LIMIT_REACHED"');
    expect(await stockFor(env, itemId, other).status({ rules: shardRules(rules, other) })).toMatchObject({
      sold: 0,
      held: 0,
      available: 2,
    });
    const consumes = (await merchantState(uid)).orders.filter((o) => o.kind === "consume");
    expect(consumes).toHaveLength(1);
    expect(await merchantState(uid)).toMatchObject({ credits: 400 });
    expect(await duibaFor(env, uid).resolve({ key: second.key, itemId, qty: 1, now: Date.now() })).toMatchObject({
      state: "ABORTED",
      code: "LIMIT_REACHED",
    });
  });
});

describe("earned points in Duiba mode", () => {
  it("a check-in goes to the merchant as one 加积分 (type sign, orderNum from checkin:<date>); the header shows its credits", async () => {
    const uid = `dbc-${crypto.randomUUID()}`;
    await merchantMember(uid, 100);
    const cookie = sessionOf(await open(await merchantLink(uid, 100)));
    const csrf = inputValue(await (await get("/", cookie)).text(), "_csrf")!;
    const res = await post("/checkin", cookie, { _csrf: csrf });
    expect(res.status).toBe(200);
    const adds = (await merchantState(uid)).orders.filter((o) => o.kind === "add");
    expect(adds.length).toBe(1);
    const points = adds[0]!.credits;
    expect(points).toBeGreaterThan(0);
    expect(await merchantState(uid)).toMatchObject({ credits: 100 + points });
    expect(balanceIn(await res.text())).toBe(String(100 + points));
    const sent = (await merchantRequests("/duiba/add", uid))[0]!.query;
    expect(sent).toMatchObject({ uid, type: "sign", credits: String(points), appKey: merchant().appKey });
    // Checking in again the same day earns nothing and sends nothing.
    expect((await post("/checkin", cookie, { _csrf: csrf })).status).toBe(409);
    expect((await merchantRequests("/duiba/add", uid)).length).toBe(1);
  });

  it("a task reward goes to the merchant as one 加积分 (type task), even when claimed twice at once", async () => {
    const id = await newTask({ kind: "visit", target: "/me/orders", points: 7 });
    const uid = `dbt-${crypto.randomUUID()}`;
    await merchantMember(uid, 10);
    const cookie = sessionOf(await open(await merchantLink(uid, 10)));
    await get("/me/orders", cookie);
    const m = { uid, cookie };
    const [a, b] = await Promise.all([claim(m, id, {}, false), claim(m, id, {}, false)]);
    expect([a.status, b.status]).toContain(200);
    const sent = await merchantRequests("/duiba/add", uid);
    expect(sent.length).toBe(1);
    expect(sent[0]!.query).toMatchObject({ uid, type: "task", credits: "7" });
    expect(await merchantState(uid)).toMatchObject({ credits: 17 });
  });
});

/** Lets the wallet's queued 加积分 come due (as if the grace had passed) and runs its alarm for real. */
async function walletAlarmAfterGrace(uid: string): Promise<void> {
  const stub = env.WALLET.getByName(uid);
  const alarm = await runInDurableObject(stub, (_, state) => {
    state.storage.sql.exec("update forwards set next_at = ? where state = 'PENDING'", Date.now() - 1);
    return state.storage.getAlarm();
  });
  expect(alarm).not.toBeNull(); // the earning set the wake-up itself
  expect(await runDurableObjectAlarm(stub)).toBe(true);
}

describe("加积分 recorded with the earning (crash-safe)", () => {
  it("an earning whose route died before its 加积分 reaches the merchant once, from the wallet's alarm; replays don't double", async () => {
    const uid = `dbf-${crypto.randomUUID()}`;
    await merchantMember(uid, 40);
    await open(await merchantLink(uid, 40));
    const rules = await mallRules();
    const ref = `task:crash-${crypto.randomUUID()}:once`;
    const earn = () =>
      walletFor(env, uid).earn({ uid, ref, reason: "任务", source: "task", points: 9, now: Date.now(), rules });
    // What the task route does before it would call forwardEarned — and then the Worker is gone.
    expect((await earn()).ok).toBe(true);
    expect(await walletFor(env, uid).forwards()).toMatchObject([{ ref, credits: 9, kind: "task", state: "PENDING" }]);
    expect(await merchantRequests("/duiba/add", uid)).toEqual([]);

    await walletAlarmAfterGrace(uid);
    const sent = await merchantRequests("/duiba/add", uid);
    expect(sent.length).toBe(1);
    expect(sent[0]!.query).toMatchObject({ uid, type: "task", credits: "9", appKey: merchant().appKey });
    expect(await walletFor(env, uid).forwards()).toMatchObject([{ ref, state: "DONE" }]);
    expect(await merchantState(uid)).toMatchObject({ credits: 49 });
    expect((await duibaFor(env, uid).credits()).credits).toBe(49);

    // The same earning again (a retry of the request) and another alarm: nothing more goes out.
    expect((await earn()).ok).toBe(true);
    await runDurableObjectAlarm(env.WALLET.getByName(uid));
    expect((await merchantRequests("/duiba/add", uid)).length).toBe(1);
    expect((await walletFor(env, uid).forwards()).length).toBe(1);
  });

  it("a check-in the route forwarded at once is not sent again by the wallet's alarm", async () => {
    const uid = `dbg-${crypto.randomUUID()}`;
    await merchantMember(uid, 5);
    const cookie = sessionOf(await open(await merchantLink(uid, 5)));
    const csrf = inputValue(await (await get("/", cookie)).text(), "_csrf")!;
    expect((await post("/checkin", cookie, { _csrf: csrf })).status).toBe(200);
    expect((await merchantRequests("/duiba/add", uid)).length).toBe(1);
    await walletAlarmAfterGrace(uid);
    expect(await walletFor(env, uid).forwards()).toMatchObject([{ kind: "checkin", state: "DONE" }]);
    const sent = await merchantRequests("/duiba/add", uid);
    expect(sent.length).toBe(1);
    expect(sent[0]!.query.type).toBe("sign");
  });

  it("a member who never came through a Duiba link queues nothing", async () => {
    const m = await login();
    const rules = await mallRules();
    const r = await walletFor(env, m.uid).earn({
      uid: m.uid,
      ref: `task:native-${crypto.randomUUID()}:once`,
      reason: "任务",
      source: "task",
      points: 3,
      now: Date.now(),
      rules,
    });
    expect(r.ok).toBe(true);
    expect(await walletFor(env, m.uid).forwards()).toEqual([]);
  });
});

describe("a lottery points prize in Duiba mode", () => {
  it("goes to the merchant as one signed 加积分 (type hdtool) with the prize's credits; the header shows the merchant's answer", async () => {
    const made = await call("POST", "/api/v1/lotteries", {
      ref: newRef("dbl"),
      name: "兑吧积分转盘",
      kind: "wheel",
      costPoints: 0,
      dailyLimit: 3,
      prizes: [{ name: "25 积分", kind: "points", points: 25, weight: 1 }],
    });
    expect(made.status).toBe(201);
    const id = made.json.id as string;
    const uid = `dbh-${crypto.randomUUID()}`;
    await merchantMember(uid, 70);
    const cookie = sessionOf(await open(await merchantLink(uid, 70)));
    const page = await (await get(`/lottery/${id}`, cookie)).text();
    const form = { key: inputValue(page, "key")!, _csrf: inputValue(page, "_csrf")! };
    const res = await post(`/lottery/${id}/draw`, cookie, form);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(balanceIn(html)).toBe("95");
    // A double tap: the same draw, no second 加积分.
    expect((await post(`/lottery/${id}/draw`, cookie, form)).status).toBe(200);
    await walletAlarmAfterGrace(uid);
    const sent = await merchantRequests("/duiba/add", uid);
    expect(sent.length).toBe(1);
    const q = sent[0]!.query;
    expect(q).toMatchObject({ uid, type: "hdtool", credits: "25", appKey: merchant().appKey });
    // signed (the fake checked it with node:crypto too: it answered ok and added the credits)
    expect(await verifyDuibaSign(q, merchant().appSecret)).toBe(true);
    expect(await merchantState(uid)).toMatchObject({ credits: 95 });
    expect(balanceIn(await (await get("/", cookie)).text())).toBe("95");
  });
});

/** A Duiba member (the merchant's `credits`) with one placed order of `points` through the item page. */
async function duibaOrder(tag: string, credits: number, points: number) {
  const uid = `${tag}-${crypto.randomUUID()}`;
  await merchantMember(uid, credits);
  const cookie = sessionOf(await open(await merchantLink(uid, credits)));
  const { itemId, rules } = await createItem({ points, stock: 5 });
  const { key, csrf } = await redeemForm(cookie, itemId);
  const res = await post(`/items/${itemId}/redeem`, cookie, { _csrf: csrf, key, qty: "1" });
  expect(res.status).toBe(200);
  const orderId = /data-order-id="([^"]+)"/.exec(await res.text())![1]!;
  expect(await merchantState(uid)).toMatchObject({ credits: credits - points });
  return { uid, cookie, itemId, rules, orderId, stock: stockFor(env, itemId) };
}

const postsales = async (uid: string) =>
  (await merchantRequests("/duiba/add", uid)).filter((r) => r.query.type === "postsale");

describe("cancelling a Duiba-mode order", () => {
  it("gives the credits back to the merchant as one 加积分 (postsale), after a crash, through the API, once however often retried; the unit back", async () => {
    const o = await duibaOrder("dbx", 500, 120);
    const walletBefore = (
      await walletFor(env, o.uid).summary({ uid: o.uid, now: Date.now(), rules: await mallRules() })
    ).balance;
    // The Worker dies right after claiming the cancellation in Turso: nothing has reached the merchant yet.
    const crash = {
      ...cancelDeps(env),
      after: (s: string) => {
        if (s === "claim") throw new Error("crash");
      },
    };
    await expect(
      runCancel(crash, db(), { orderId: o.orderId, by: "merchant", reason: "缺货", now: Date.now() }),
    ).rejects.toThrow("crash");
    expect(await postsales(o.uid)).toEqual([]);

    const res = await call("POST", `/api/v1/orders/${o.orderId}/cancel`, { ref: newRef("dbx"), reason: "缺货" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: o.orderId, status: "cancelled" });
    const sent = await postsales(o.uid);
    expect(sent.length).toBe(1);
    expect(sent[0]!.query).toMatchObject({ uid: o.uid, credits: "120", appKey: merchant().appKey });
    expect(sent[0]!.query.description).toContain(o.orderId);
    expect(await verifyDuibaSign(sent[0]!.query, merchant().appSecret)).toBe(true);
    expect(await merchantState(o.uid)).toMatchObject({ credits: 500 });
    expect((await duibaFor(env, o.uid).credits()).credits).toBe(500);
    expect(await o.stock.status({ rules: o.rules })).toMatchObject({ available: 5, sold: 0 });
    // The mall's own wallet never had these points: untouched.
    expect(
      (await walletFor(env, o.uid).summary({ uid: o.uid, now: Date.now(), rules: await mallRules() })).balance,
    ).toBe(walletBefore);

    // Retried (another request, the sweeper): the same order, nothing more to the merchant.
    expect(
      (await call("POST", `/api/v1/orders/${o.orderId}/cancel`, { ref: newRef("dbx"), reason: "缺货" })).status,
    ).toBe(200);
    await settleCancellations(env, db(), { now: Date.now() + 120_000 });
    expect((await postsales(o.uid)).length).toBe(1);
    expect(await merchantState(o.uid)).toMatchObject({ credits: 500 });
    expect(balanceIn(await (await get("/", o.cookie)).text())).toBe("500");
  });

  it("the console's 取消 does the same, and says how many credits went back", async () => {
    const o = await duibaOrder("dby", 300, 80);
    const res = await postForm(
      `/admin/orders/${o.orderId}/cancel`,
      owner.cookie,
      new URLSearchParams({ _csrf: owner.csrf, reason: "客户要求" }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("80 积分已退回会员");
    const sent = await postsales(o.uid);
    expect(sent.length).toBe(1);
    expect(sent[0]!.query).toMatchObject({ uid: o.uid, credits: "80" });
    expect(await merchantState(o.uid)).toMatchObject({ credits: 300 });
    expect(await o.stock.status({ rules: o.rules })).toMatchObject({ available: 5 });
  });
});

describe("spends that are not orders in Duiba mode (issue 12)", () => {
  async function duibaMember(prefix: string, credits: number) {
    const uid = `${prefix}-${crypto.randomUUID()}`;
    await merchantMember(uid, credits);
    return { uid, cookie: sessionOf(await open(await merchantLink(uid, credits))) };
  }

  it("a lottery draw's cost is one 扣积分 (type hdtool, orderNum = the cost ref) even when tapped twice; a refusal or too few credits draws nothing and takes no prize", async () => {
    const created = await call("POST", "/api/v1/lotteries", {
      ref: newRef("dbl"),
      name: "兑吧转盘",
      kind: "wheel",
      costPoints: 30,
      dailyLimit: 5,
      prizes: [{ name: "10 积分", kind: "points", points: 10, weight: 1, stock: 3 }],
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const m = await duibaMember("dbd", 100);
    const drawForm = async () => {
      const html = await (await get(`/lottery/${id}`, m.cookie)).text();
      return { key: inputValue(html, "key")!, _csrf: inputValue(html, "_csrf")! };
    };
    const form = await drawForm();
    const [a, b] = await Promise.all([
      post(`/lottery/${id}/draw`, m.cookie, form),
      post(`/lottery/${id}/draw`, m.cookie, form),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const consumes = await merchantRequests("/duiba/consume", m.uid);
    expect(consumes.length).toBe(1);
    expect(consumes[0]!.query).toMatchObject({
      uid: m.uid,
      type: "hdtool",
      credits: "30",
      facePrice: "30",
      actualPrice: "30",
      orderNum: `lottery:${id}:${form.key}`,
    });
    // 100 − 30, then the points prize back as one 加积分
    expect(await merchantState(m.uid)).toMatchObject({ credits: 80 });
    expect(balanceIn(await a.text())).toBe("80");
    const awarded = async () =>
      ((await call("GET", `/api/v1/lotteries/${id}`)).json.prizes as { awarded: number }[])[0]!.awarded;
    expect(await awarded()).toBe(1);

    // The merchant refuses (a frozen account): 409 with the reason, nothing drawn, the prize's unit still there.
    await merchantRefuse(m.uid, "账户已冻结");
    const refused = await post(`/lottery/${id}/draw`, m.cookie, await drawForm());
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("商户系统拒绝了这次抽奖的积分扣除");
    expect(await awarded()).toBe(1);
    // Too few credits on the merchant's side: INSUFFICIENT_POINTS, nothing drawn either.
    await merchantMember(m.uid, 5);
    const short = await post(`/lottery/${id}/draw`, m.cookie, await drawForm());
    expect(short.status).toBe(409);
    expect(await short.text()).toContain("积分不足，抽一次需要 30 积分");
    expect(await awarded()).toBe(1);
    expect(await merchantState(m.uid)).toMatchObject({ credits: 5 });
    expect((await merchantRequests("/duiba/consume", m.uid)).length).toBe(3);
  });
});

describe("补签 in Duiba mode: the cost is the merchant's 扣积分 (issue 12)", () => {
  const tz = async () => (await mallRules()).timeZone;
  const yesterday = async () => addDays(localDate(Date.now(), await tz()), -1);
  const dayOfMonth = Number(localDate(Date.now(), "Asia/Shanghai").slice(8, 10));

  async function duibaMember(prefix: string, credits: number) {
    const uid = `${prefix}-${crypto.randomUUID()}`;
    await merchantMember(uid, credits);
    const cookie = sessionOf(await open(await merchantLink(uid, credits)));
    return { uid, cookie, csrf: await csrfOf(cookie) };
  }
  const makeup = (m: { cookie: string; csrf: string }, date: string) =>
    post("/checkin/makeup", m.cookie, { _csrf: m.csrf, date }, HX);
  const walletView = async (uid: string) => {
    const rules = await mallRules();
    const w = walletFor(env, uid);
    const [summary, ledger] = await Promise.all([w.summary({ uid, now: Date.now(), rules }), w.ledger({ limit: 50 })]);
    return { summary, ledger: ledger.entries };
  };

  it.runIf(dayOfMonth >= 3)(
    "one 扣积分 (type sign) for the cost, the day filled, nothing spent from the mall wallet — even when tapped twice",
    async () => {
      const m = await duibaMember("dmk", 100);
      const date = await yesterday();
      const before = await walletView(m.uid);
      const [a, b] = await Promise.all([makeup(m, date), makeup(m, date)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(await a.text()).toContain("+5 积分（消耗 20 积分）");
      const consumes = await merchantRequests("/duiba/consume", m.uid);
      expect(consumes.length).toBe(1);
      expect(consumes[0]!.query).toMatchObject({
        uid: m.uid,
        type: "sign",
        credits: "20",
        facePrice: "20",
        actualPrice: "20",
        orderNum: `makeup:${m.uid}:${date}:1`,
        description: `补签 ${date}`,
      });
      // 100 − 20 for the cost, then the made-up day's 5 as one 加积分 (type sign).
      expect(await merchantState(m.uid)).toMatchObject({ credits: 85 });
      const adds = await merchantRequests("/duiba/add", m.uid);
      expect(adds.map((r) => [r.query.type, r.query.credits])).toEqual([["sign", "5"]]);
      const after = await walletView(m.uid);
      expect(after.summary.checkin.madeUpDates).toEqual([date]);
      expect(after.summary.checkin.makeup.left).toBe(1);
      // The wallet spent nothing: only the day's reward is new in its ledger.
      expect(after.ledger.filter((e) => e.source === "makeup")).toEqual([]);
      expect(after.summary.balance).toBe(before.summary.balance + 5);
      // Again later: the first answer, no second 扣积分.
      const again = await makeup(m, date);
      expect(again.status).toBe(200);
      expect((await merchantRequests("/duiba/consume", m.uid)).length).toBe(1);
      expect((await walletView(m.uid)).summary.checkin.madeUpDates).toEqual([date]);
    },
  );

  it.runIf(dayOfMonth >= 2)(
    "the merchant refuses, or too few credits: a clear 409, nothing filled, the allowance unused; a later try is a new orderNum",
    async () => {
      const m = await duibaMember("dmr", 100);
      const date = await yesterday();
      await merchantRefuse(m.uid, "账户已冻结");
      const refused = await makeup(m, date);
      expect(refused.status).toBe(409);
      expect(await refused.text()).toContain("商户系统拒绝了这次补签的积分扣除，积分未扣除，没有补签");
      await merchantMember(m.uid, 5);
      const short = await makeup(m, date);
      expect(short.status).toBe(409);
      expect(await short.text()).toContain("积分不足，补签需要 20 积分");
      const view = await walletView(m.uid);
      expect(view.summary.checkin.madeUpDates).toEqual([]);
      expect(view.summary.checkin.makeup.left).toBe(2);
      expect(view.ledger.filter((e) => e.ref?.startsWith("makeup:"))).toEqual([]);
      expect(await merchantState(m.uid)).toMatchObject({ credits: 5 });

      await merchantMember(m.uid, 100);
      expect((await makeup(m, date)).status).toBe(200);
      const orderNums = (await merchantRequests("/duiba/consume", m.uid)).map((r) => r.query.orderNum);
      expect(orderNums).toEqual([1, 2, 3].map((n) => `makeup:${m.uid}:${date}:${n}`));
      expect((await walletView(m.uid)).summary.checkin.madeUpDates).toEqual([date]);
    },
  );

  it.runIf(dayOfMonth >= 2)(
    "no answer in time: 409, nothing filled, the failure notice gives the merchant's credits back",
    async () => {
      const m = await duibaMember("dmt", 100);
      const date = await yesterday();
      await runInDurableObject(env.DUIBA_ACCOUNT.getByName(m.uid), (obj: DuibaAccount) => {
        (obj as unknown as { consumeTimeoutMs: () => number }).consumeTimeoutMs = () => 1_000;
      });
      await merchantFault({ path: "/duiba/consume", match: m.uid, kind: "delay", delayMs: 2_500 });
      const res = await makeup(m, date);
      expect(res.status).toBe(409);
      expect(await res.text()).toContain("商户系统没有及时应答，积分未扣除，没有补签");
      const view = await walletView(m.uid);
      expect(view.summary.checkin.madeUpDates).toEqual([]);
      expect(view.summary.checkin.makeup.left).toBe(2);
      const account = duibaFor(env, m.uid);
      const key = makeupChargeKey(date, 1);
      let order = await account.order(key);
      for (let i = 0; i < 100 && order?.notice === "PENDING"; i++) {
        await new Promise((r) => setTimeout(r, 50));
        order = await account.order(key);
      }
      expect(order).toMatchObject({ state: "ABORTED", notice: "DONE", noticeSuccess: false });
      await new Promise((r) => setTimeout(r, 2_000)); // the slow 扣积分 has been handled by now
      expect(await merchantState(m.uid)).toMatchObject({ credits: 100 });
      expect((await merchantRequests("/duiba/notify", m.uid))[0]!.query).toMatchObject({ success: "false" });
    },
  );

  it.runIf(dayOfMonth >= 3)(
    "a hold a dead Worker left behind is settled by the wallet's alarm from the DuibaAccount's decision",
    async () => {
      const m = await duibaMember("dmc", 100);
      const rules = await mallRules();
      const wallet = walletFor(env, m.uid);
      const account = duibaFor(env, m.uid);
      const charged = addDays(await yesterday(), 0);
      const never = addDays(charged, -1);
      const now = Date.now();
      // Charged, then the Worker died before confirming.
      const h1 = await wallet.makeupHold({ uid: m.uid, date: charged, now, rules });
      expect(h1).toMatchObject({ ok: true, state: "HELD", attempt: 1, cost: 20 });
      const c = await account.charge({
        uid: m.uid,
        key: makeupChargeKey(charged, 1),
        orderNum: makeupOrderNum(m.uid, charged, 1),
        credits: 20,
        type: "sign",
        description: `补签 ${charged}`,
        now,
        config: merchantConfig(),
      });
      expect(c.ok).toBe(true);
      // Held, then the Worker died before the 扣积分 went out.
      expect(await wallet.makeupHold({ uid: m.uid, date: never, now, rules })).toMatchObject({ state: "HELD" });
      // Both count against the month's allowance while pending.
      const third = addDays(never, -1);
      if (third.slice(0, 7) === charged.slice(0, 7))
        expect(await wallet.makeupHold({ uid: m.uid, date: third, now, rules })).toMatchObject({
          ok: false,
          code: "MAKEUP_LIMIT_REACHED",
        });
      expect((await walletView(m.uid)).summary.checkin.makeup.left).toBe(0);
      await runInDurableObject(env.WALLET.getByName(m.uid), (_obj, state) => {
        state.storage.sql.exec("update makeup_holds set due_at = 0 where state = 'PENDING'");
      });
      await runDurableObjectAlarm(env.WALLET.getByName(m.uid));
      const view = await walletView(m.uid);
      expect(view.summary.checkin.madeUpDates).toEqual([charged]);
      expect(view.summary.checkin.makeup.left).toBe(1);
      // The never-sent attempt is decided ABORTED: a late 扣积分 of it is refused, nothing taken.
      const late = await account.charge({
        uid: m.uid,
        key: makeupChargeKey(never, 1),
        orderNum: makeupOrderNum(m.uid, never, 1),
        credits: 20,
        type: "sign",
        description: `补签 ${never}`,
        now,
        config: merchantConfig(),
      });
      expect(late.ok).toBe(false);
      expect(await merchantState(m.uid)).toMatchObject({ credits: 80 });
      expect((await merchantRequests("/duiba/consume", m.uid)).length).toBe(1);
    },
  );
});

describe("the call log pages", () => {
  it("pages newest first by a cursor", async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const at = Date.now() + 3_600_000; // newer than anything else in the log
    for (let i = 0; i < 21; i++)
      await logAutologin(db(), {
        uid: `pg${tag}-${i}`,
        request: `uid=pg${tag}-${i}`,
        answer: "ok",
        ok: true,
        now: at + i,
      });
    const first = await (await get("/admin/duiba", owner.cookie)).text();
    expect(first).toContain(`pg${tag}-20`);
    expect(first).toContain(`pg${tag}-1<`);
    expect(first).not.toContain(`pg${tag}-0<`);
    const href = /href="(\/admin\/duiba\?cursor=[^"]+)"/.exec(first)?.[1];
    expect(href).toBeTruthy();
    const second = await get(href!.replaceAll("&amp;", "&"), owner.cookie);
    expect(second.status).toBe(200);
    const html = await second.text();
    expect(html).toContain(`pg${tag}-0<`);
    expect(html).not.toContain(`pg${tag}-1<`);
    expect((await get("/admin/duiba?cursor=nonsense", owner.cookie)).status).toBe(400);
    await db()
      .delete(duibaCalls)
      .where(like(duibaCalls.uid, `pg${tag}-%`));
  });

  it("with the mode off, Duiba links are refused", async () => {
    await postForm("/admin/duiba/settings", owner.cookie, settingsForm({ mode: "native" }));
    const uid = `dbo-${crypto.randomUUID()}`;
    expect((await open(await merchantLink(uid, 1))).status).toBe(404);
  });
});
