// Duiba mode's redemption against the fake merchant server (which checks every signature like a merchant's
// SDK): the merchant's 扣积分 answer decides, exactly once per orderNum, through the real redemption protocol
// with the member's DuibaAccount in the wallet's place; the result notice is retried until "ok"; a timeout or
// a lost call is failed and announced; 加积分 goes out once per ref.
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { type RedeemStep, runRedeem } from "../redeem/redeem";
import { createItem, db, drainAll, newKey } from "../redeem/test-support";
import { stockFor } from "../stock/stock-stub";
import type { DuibaAccount } from "./account-object";
import { duibaFor } from "./account-stub";
import { NOTIFY_RETRY_DELAYS_MS } from "./protocol";
import { DUIBA_HOLD_MS, duibaRedeemDeps } from "./redeem-deps";
import {
  merchantConfig,
  merchantFault,
  merchantMember,
  merchantRefuse,
  merchantRequests,
  merchantState,
} from "./test-support";

class Crash extends Error {}

async function setup(credits: number, known = credits) {
  const uid = `db-${crypto.randomUUID()}`;
  await merchantMember(uid, credits);
  // what the last autologin link said
  await duibaFor(env, uid).setCredits({ uid, credits: known, at: Date.now() });
  const { itemId, rules } = await createItem({ points: 100, stock: 3 });
  return { uid, itemId, rules, account: duibaFor(env, uid), stock: stockFor(env, itemId) };
}

const input = (uid: string, itemId: number, key = newKey()) => ({
  uid,
  itemId,
  qty: 1,
  key,
  address: null,
  now: Date.now(),
});

/** The object's alarm sends notices as soon as they are due: wait until `ok` holds for the key's order. */
async function orderWhen(
  account: ReturnType<typeof duibaFor>,
  key: string,
  ok: (o: NonNullable<Awaited<ReturnType<typeof account.order>>>) => boolean,
) {
  for (let i = 0; i < 100; i++) {
    const o = await account.order(key);
    if (o && ok(o)) return o;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`order ${key}: condition never met (${JSON.stringify(await account.order(key))})`);
}

const consumes = async (uid: string) => (await merchantRequests("/duiba/consume", uid)).length;

describe("Duiba mode redemption", () => {
  it("the merchant says ok: one order, its credits taken once, the success notice delivered; a retry replays it", async () => {
    const { uid, itemId, rules, account, stock } = await setup(500);
    const deps = duibaRedeemDeps(env, merchantConfig());
    const i = input(uid, itemId);
    const [a, b] = await Promise.all([runRedeem(deps, db(), i), runRedeem(deps, db(), i)]); // a double tap
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(await consumes(uid)).toBe(1);
    const consume = (await merchantRequests("/duiba/consume", uid))[0]!.query;
    expect(consume).toMatchObject({ uid, credits: "100", type: "virtual", itemCode: String(itemId) });
    expect(consume.orderNum).toBe(a.ok ? a.order.id : "");
    expect(await stock.status({ rules })).toMatchObject({ sold: 1, held: 0 });
    expect((await account.credits()).credits).toBe(400);
    expect(await merchantState(uid)).toMatchObject({ credits: 400 });

    // The success notice goes out from the object's alarm at once.
    const o = await orderWhen(account, i.key, (x) => x.notice !== "PENDING");
    expect(o).toMatchObject({ state: "COMMITTED", notice: "DONE", noticeSuccess: true, noticeAttempts: 1 });
    const fake = (await merchantState(uid)).orders.find((x) => x.orderNum === o.orderNum)!;
    expect(fake).toMatchObject({ state: "success", notices: 1 });

    expect(await runRedeem(deps, db(), i)).toEqual(a);
    expect(await consumes(uid)).toBe(1);
    // The order reaches Turso, and the call log too (the object's outbox).
    expect((await account.drainOutbox()).ok).toBe(true);
    await drainAll([itemId], []);
  });

  it("the merchant says fail: refused (积分不足 → INSUFFICIENT_POINTS, another reason → DUIBA_REFUSED), units back, no notice", async () => {
    const { uid, itemId, rules, account, stock } = await setup(50, 500); // the link said 500, the merchant has 50
    const deps = duibaRedeemDeps(env, merchantConfig());
    const i = input(uid, itemId);
    expect(await runRedeem(deps, db(), i)).toEqual({ ok: false, code: "INSUFFICIENT_POINTS" });
    expect((await account.credits()).credits).toBe(50); // the answer's credits
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0, sold: 0 });
    expect(await account.order(i.key)).toMatchObject({ state: "ABORTED", notice: "NONE" });
    // The same key again: the same refusal, no second call.
    expect(await runRedeem(deps, db(), i)).toEqual({ ok: false, code: "INSUFFICIENT_POINTS" });
    expect(await consumes(uid)).toBe(1);
    // Below the credits last told, nothing is even asked.
    expect(await runRedeem(deps, db(), input(uid, itemId))).toEqual({ ok: false, code: "INSUFFICIENT_POINTS" });
    expect(await consumes(uid)).toBe(1);

    await merchantMember(uid, 1000);
    await account.setCredits({ uid, credits: 1000, at: Date.now() });
    await merchantRefuse(uid, "账户已冻结");
    const refused = input(uid, itemId);
    expect(await runRedeem(deps, db(), refused)).toEqual({ ok: false, code: "DUIBA_REFUSED" });
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0, sold: 0 });
    expect(await merchantState(uid)).toMatchObject({ credits: 1000 });
  });

  it("no answer within the timeout: failed, units back, the failure notice makes the merchant give the credits back", async () => {
    const { uid, itemId, rules, account, stock } = await setup(500);
    await runInDurableObject(env.DUIBA_ACCOUNT.getByName(uid), (obj: DuibaAccount) => {
      (obj as unknown as { consumeTimeoutMs: () => number }).consumeTimeoutMs = () => 1_000;
    });
    // A slow merchant: it takes the credits, but answers after the mall gave up.
    await merchantFault({ path: "/duiba/consume", match: uid, kind: "delay", delayMs: 2_500 });
    const deps = duibaRedeemDeps(env, merchantConfig());
    const i = input(uid, itemId);
    expect(await runRedeem(deps, db(), i)).toEqual({ ok: false, code: "ABORTED" });
    expect(await stock.status({ rules })).toMatchObject({ available: 3, held: 0 });
    expect(await account.order(i.key)).toMatchObject({ state: "ABORTED", noticeSuccess: false });
    // The failure notice goes out at once (the alarm): the merchant records the orderNum as failed, so its
    // late 扣积分 (still running) takes nothing — or, had it come first, the notice gives the credits back.
    expect(await orderWhen(account, i.key, (x) => x.notice !== "PENDING")).toMatchObject({ notice: "DONE" });
    await new Promise((r) => setTimeout(r, 2_000)); // the slow 扣积分 has been handled by now
    expect(await merchantState(uid)).toMatchObject({ credits: 500 });
    const notice = (await merchantRequests("/duiba/notify", uid))[0]!.query;
    expect(notice).toMatchObject({ uid, success: "false" });
    // A retry of the key does not call again: the timeout was the decision.
    expect(await runRedeem(deps, db(), i)).toEqual({ ok: false, code: "ABORTED" });
    expect(await consumes(uid)).toBe(1);
  });

  it.each(["reserve", "claim"] as const)(
    "a crash after %s: the stock alarm asks the DuibaAccount, which says ABORTED; the merchant is never called",
    async (step) => {
      const { uid, itemId, rules, account, stock } = await setup(500);
      const deps = {
        ...duibaRedeemDeps(env, merchantConfig()),
        after: (s: RedeemStep) => {
          if (s === step) throw new Crash(s);
        },
      };
      const i = input(uid, itemId);
      await expect(runRedeem(deps, db(), i)).rejects.toBeInstanceOf(Crash);
      expect(await stock.status({ rules })).toMatchObject({ held: 1 });
      expect(await stock.resolveExpiredHolds(i.now + DUIBA_HOLD_MS - 1)).toMatchObject({ released: 0 });
      expect(await stock.resolveExpiredHolds(i.now + DUIBA_HOLD_MS)).toEqual({ confirmed: 0, released: 1, failed: 0 });
      expect(await account.order(i.key)).toMatchObject({ state: "ABORTED", code: "ABORTED", notice: "NONE" });
      expect(await runRedeem(duibaRedeemDeps(env, merchantConfig()), db(), i)).toEqual({ ok: false, code: "ABORTED" });
      expect(await consumes(uid)).toBe(0);
    },
  );

  it("a crash after the merchant's ok (before confirm): the retry replays the order, the alarm would sell it; credits taken once", async () => {
    const { uid, itemId, rules, stock } = await setup(500);
    const crashing = {
      ...duibaRedeemDeps(env, merchantConfig()),
      after: (s: RedeemStep) => {
        if (s === "spend") throw new Crash(s);
      },
    };
    const i = input(uid, itemId);
    await expect(runRedeem(crashing, db(), i)).rejects.toBeInstanceOf(Crash);
    expect(await stock.status({ rules })).toMatchObject({ held: 1, sold: 0 });
    const retry = await runRedeem(duibaRedeemDeps(env, merchantConfig()), db(), i);
    expect(retry.ok).toBe(true);
    expect(await stock.status({ rules })).toMatchObject({ held: 0, sold: 1 });
    expect(await consumes(uid)).toBe(1);
    expect(await merchantState(uid)).toMatchObject({ credits: 400 });

    // The same crash, left to the stock alarm: the DuibaAccount says COMMITTED, the unit is sold.
    const j = input(uid, itemId);
    await expect(runRedeem(crashing, db(), j)).rejects.toBeInstanceOf(Crash);
    expect(await stock.resolveExpiredHolds(j.now + DUIBA_HOLD_MS)).toEqual({ confirmed: 1, released: 0, failed: 0 });
    expect(await consumes(uid)).toBe(2);
    expect(await merchantState(uid)).toMatchObject({ credits: 300 });
  });

  it("a call lost to a restart (CALLING, nothing in flight) is settled as a timeout and announced as a failure", async () => {
    const { uid, account } = await setup(500);
    // the config a 扣积分 call leaves in the object (here through a 加积分)
    const add = { uid, ref: `r-${crypto.randomUUID()}`, credits: 1, type: "sign", description: "签到" };
    await account.addCredits({ ...add, now: Date.now(), config: merchantConfig() });
    const key = newKey();
    await runInDurableObject(env.DUIBA_ACCOUNT.getByName(uid), (_obj, state) => {
      state.storage.sql.exec(
        `insert into orders (key, order_num, item_id, qty, credits, order_json, state, started_at)
         values (?, ?, 1, 1, 100, '{}', 'CALLING', ?)`,
        key,
        `PMLOST${key.slice(0, 8)}`,
        Date.now(),
      );
    });
    expect(await account.resolve({ key, now: Date.now(), itemId: 1, qty: 1 })).toEqual({
      state: "ABORTED",
      code: "ABORTED",
    });
    expect(await account.order(key)).toMatchObject({ state: "ABORTED", noticeSuccess: false });
    expect(await orderWhen(account, key, (x) => x.notice !== "PENDING")).toMatchObject({ notice: "DONE" });
    const notice = (await merchantRequests("/duiba/notify", `PMLOST${key.slice(0, 8)}`))[0]!.query;
    expect(notice).toMatchObject({ uid, success: "false", errorMessage: "兑换失败" });
  });

  it("the result notice is retried on Duiba's schedule until the merchant answers ok", async () => {
    const { uid, itemId, account } = await setup(500);
    const i = input(uid, itemId);
    // The merchant's server errs twice, then says ok.
    await merchantFault({ path: "/duiba/notify", match: uid, kind: "status", status: 500, body: "busy", times: 1 });
    await merchantFault({ path: "/duiba/notify", match: uid, kind: "status", status: 200, body: "fail", times: 1 });
    const before = Date.now();
    const r = await runRedeem(duibaRedeemDeps(env, merchantConfig()), db(), i);
    expect(r.ok).toBe(true);
    // The first attempt (the alarm, at once) fails: the next is 2 minutes later.
    const first = await orderWhen(account, i.key, (x) => x.noticeAttempts === 1);
    expect(first.notice).toBe("PENDING");
    expect(first.noticeNextAt! - before).toBeGreaterThanOrEqual(NOTIFY_RETRY_DELAYS_MS[0]!);
    expect(first.noticeNextAt! - Date.now()).toBeLessThanOrEqual(NOTIFY_RETRY_DELAYS_MS[0]!);
    expect((await account.deliverDue(first.noticeNextAt! - 1)).notices).toBe(0); // not due yet
    const t1 = first.noticeNextAt!;
    await account.deliverDue(t1);
    expect(await account.order(i.key)).toMatchObject({
      notice: "PENDING",
      noticeAttempts: 2,
      noticeNextAt: t1 + 600_000,
    });
    await account.deliverDue(t1 + 600_000);
    expect(await account.order(i.key)).toMatchObject({ notice: "DONE", noticeAttempts: 3, noticeNextAt: null });
    expect((await merchantRequests("/duiba/notify", uid)).length).toBe(3);
    await account.deliverDue(t1 + 10 * 3_600_000);
    expect((await merchantRequests("/duiba/notify", uid)).length).toBe(3);
  });

  it("加积分 goes out once per ref (orderNum from the ref), retried while the merchant does not answer", async () => {
    const { uid, account } = await setup(100);
    const config = merchantConfig();
    const add = { uid, ref: `checkin:${crypto.randomUUID()}`, credits: 5, type: "sign", description: "签到", config };
    const a = await account.addCredits({ ...add, now: Date.now() });
    expect(a).toMatchObject({ ok: true, state: "DONE", credits: 105 });
    expect(await account.addCredits({ ...add, now: Date.now() })).toEqual(a);
    expect((await merchantRequests("/duiba/add", uid)).length).toBe(1);
    expect(await merchantState(uid)).toMatchObject({ credits: 105 });

    await merchantFault({ path: "/duiba/add", match: uid, kind: "status", status: 502, body: "", times: 1 });
    const b = { ...add, ref: `task:${crypto.randomUUID()}`, credits: 20, type: "task" };
    const now = Date.now();
    const pending = await account.addCredits({ ...b, now });
    expect(pending).toMatchObject({ ok: true, state: "PENDING" });
    await account.deliverDue(now + NOTIFY_RETRY_DELAYS_MS[0]!);
    expect(await account.addCredits({ ...b, now })).toMatchObject({ ok: true, state: "DONE", credits: 125 });
    expect((await merchantRequests("/duiba/add", uid)).length).toBe(3);
    expect(await merchantState(uid)).toMatchObject({ credits: 125 });

    await merchantRefuse(uid, "会员已注销", "add");
    expect(await account.addCredits({ ...b, ref: `task:${crypto.randomUUID()}`, now })).toMatchObject({
      ok: false,
      code: "DUIBA_REFUSED",
    });
  });
});
