// Earning, deducting, reversing and the ledger through the real Worker, wallet objects and local libSQL.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { members } from "../../db/schema";
import { db } from "../redeem/test-support";
import { DeductResult, EarnResult, LedgerPage, ReverseResult } from "./schemas";
import { call, deduct, earn, fullLedger, getMember, newRef, newUid, putMember, reverse } from "./test-client";

const balanceOf = async (uid: string) => (await getMember(uid)).json.balance as number;

describe("POST /api/v1/members/{uid}/points/earn", () => {
  it("creates an unknown member, grants the new-member bonus once, and credits the points", async () => {
    const uid = newUid();
    expect((await getMember(uid)).status).toBe(404);
    const first = await earn(uid, { ref: newRef(), reason: "任务奖励", points: 20, source: "task" });
    expect(first.status).toBe(200);
    expect(EarnResult.parse(first.json)).toEqual(first.json);
    expect(first.json).toMatchObject({ balance: 70, earned: 20 });
    const second = await earn(uid, { ref: newRef(), reason: "任务奖励", points: 10, source: "task" });
    expect(second.json).toMatchObject({ balance: 80, earned: 10 });
    const member = await getMember(uid);
    expect(member.status).toBe(200);
    expect(member.json.nickname).toBe("");
    const ledger = await fullLedger(uid);
    expect(ledger.filter((e) => e.source === "signup_bonus")).toHaveLength(1);
    expect(ledger.map((e) => e.amount)).toEqual([10, 20, 50]);
    expect(ledger.map((e) => e.source)).toEqual(["task", "task", "signup_bonus"]);
  });

  it("converts amountFen at the tier multiplier: ¥123.45 is 123 points at ×1, source purchase by default", async () => {
    const uid = newUid();
    await putMember(uid, { nickname: "买家" });
    const res = await earn(uid, { ref: newRef("order"), reason: "订单 123", amountFen: 12345 });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ earned: 123, balance: 173 });
    const [entry] = await fullLedger(uid);
    expect(entry).toMatchObject({
      id: res.json.entryId,
      kind: "earned",
      amount: 123,
      balanceAfter: 173,
      reason: "订单 123",
      source: "purchase",
    });
    expect(new Date(entry.createdAt).getTime()).toBeLessThanOrEqual(Date.now());
    expect(entry.expiresAt === null || new Date(entry.expiresAt).getTime() > Date.now()).toBe(true);
  });

  it("a blocked member earns nothing new, but a retry of an earning made before the block gets its first answer", async () => {
    const uid = newUid();
    const ref = newRef();
    const first = await earn(uid, { ref, reason: "订单 9", amountFen: 9900 });
    expect(first.status).toBe(200);
    await db().update(members).set({ blocked: true }).where(eq(members.uid, uid));
    try {
      const retry = await earn(uid, { ref, reason: "订单 9", amountFen: 9900 });
      expect(retry.status).toBe(200);
      expect(retry.json).toEqual(first.json);
      const fresh = await earn(uid, { ref: newRef(), reason: "订单 10", amountFen: 100 });
      expect(fresh.status).toBe(403);
      expect(fresh.json.error.code).toBe("MEMBER_BLOCKED");
      expect(await balanceOf(uid)).toBe(first.json.balance);
      expect(await fullLedger(uid)).toHaveLength(2); // the bonus and the first earning
    } finally {
      await db().update(members).set({ blocked: false }).where(eq(members.uid, uid));
    }
  });

  it("is idempotent on ref: the same ref again answers the same JSON and writes one entry", async () => {
    const uid = newUid();
    const body = { ref: newRef("order"), reason: "订单", amountFen: 5000 };
    const first = await earn(uid, body);
    const again = await earn(uid, body);
    const third = await earn(uid, body);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(third.json).toEqual(first.json);
    expect((await fullLedger(uid)).filter((e) => e.ref === body.ref)).toHaveLength(1);
    expect(await balanceOf(uid)).toBe(100);
  });

  it("stays exact under concurrent retries and a concurrent first contact", async () => {
    const uid = newUid();
    const body = { ref: newRef("order"), reason: "订单", amountFen: 2000 };
    const others = Array.from({ length: 4 }, () => ({ ref: newRef("order"), reason: "订单", amountFen: 1000 }));
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => earn(uid, body)),
      ...others.map((b) => earn(uid, b)),
    ]);
    for (const r of results) expect(r.status).toBe(200);
    const same = results.slice(0, 6).map((r) => JSON.stringify(r.json));
    expect(new Set(same).size).toBe(1);
    const ledger = await fullLedger(uid);
    expect(ledger.filter((e) => e.ref === body.ref)).toHaveLength(1);
    expect(ledger.filter((e) => e.source === "signup_bonus")).toHaveLength(1);
    expect(ledger).toHaveLength(6);
    expect(await balanceOf(uid)).toBe(50 + 20 + 4 * 10);
  });

  it("serves many members at once (the shared database client never queues one request behind another)", async () => {
    const uids = Array.from({ length: 30 }, () => newUid());
    const res = await Promise.all(
      uids.map((uid, i) => earn(uid, { ref: newRef(), reason: "并发", points: i + 1, source: "purchase" })),
    );
    expect(res.map((r) => r.status)).toEqual(uids.map(() => 200));
    expect(res.map((r) => r.json.balance)).toEqual(uids.map((_, i) => 50 + i + 1));
  });

  it("maps wallet refusals: the task source.s daily cap (409) and a ref reused for another operation (409)", async () => {
    const uid = newUid();
    expect((await earn(uid, { ref: newRef(), reason: "任务", points: 90, source: "task" })).status).toBe(200);
    const capped = await earn(uid, { ref: newRef(), reason: "任务", points: 20, source: "task" });
    expect(capped.status).toBe(409);
    expect(capped.json.error.code).toBe("DAILY_CAP_REACHED");
    expect(await balanceOf(uid)).toBe(140);
    // Purchases are not capped.
    expect((await earn(uid, { ref: newRef(), reason: "消费", points: 500, source: "purchase" })).status).toBe(200);

    const ref = newRef();
    expect((await deduct(uid, { ref, reason: "扣减", points: 5 })).status).toBe(200);
    const conflict = await earn(uid, { ref, reason: "同一个 ref", points: 5, source: "purchase" });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe("REF_CONFLICT");
  });

  it("refuses bad bodies with 422 naming the field and writes nothing", async () => {
    const uid = newUid();
    await putMember(uid);
    const before = await fullLedger(uid);
    const ok = { ref: newRef(), reason: "r" };
    const bad: [unknown, string][] = [
      [{ reason: "r", points: 1 }, "ref"],
      [{ ...ok, ref: "", points: 1 }, "ref"],
      [{ ...ok, ref: "a".repeat(101), points: 1 }, "ref"],
      [{ ...ok, ref: "has space", points: 1 }, "ref"],
      [{ ...ok, ref: "中文", points: 1 }, "ref"],
      [{ ref: ok.ref, points: 1 }, "reason"],
      [{ ...ok, reason: "", points: 1 }, "reason"],
      [{ ...ok, reason: "x".repeat(201), points: 1 }, "reason"],
      [ok, "points"],
      [{ ...ok, points: 1, amountFen: 100 }, "points"],
      [{ ...ok, points: 0 }, "points"],
      [{ ...ok, points: -5 }, "points"],
      [{ ...ok, points: 1.5 }, "points"],
      [{ ...ok, points: "10" }, "points"],
      [{ ...ok, points: 2 ** 53 }, "points"],
      [{ ...ok, amountFen: 0 }, "amountFen"],
      [{ ...ok, amountFen: 99.5 }, "amountFen"],
      [{ ...ok, points: 1, source: "checkin" }, "source"],
      [{ ...ok, points: 1, source: "signup_bonus" }, "source"],
      [{ ...ok, points: 1, source: "gift" }, "source"],
      [{ ...ok, points: 1, extra: true }, "extra"],
    ];
    for (const [body, field] of bad) {
      const res = await earn(uid, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code, JSON.stringify(body)).toBe("VALIDATION_FAILED");
      expect(res.json.error.message, JSON.stringify(body)).toContain(field);
    }
    expect(
      (await call("POST", `/api/v1/members/${uid}/points/earn`, "not json", { "Content-Type": "application/json" }))
        .status,
    ).toBe(400);
    expect(await fullLedger(uid)).toEqual(before);

    // A bad body for an unknown member does not create it.
    const stranger = newUid();
    expect((await earn(stranger, { ref: newRef(), reason: "r", points: -1 })).status).toBe(422);
    expect((await getMember(stranger)).status).toBe(404);
    // Nor does a bad uid.
    expect((await earn("bad uid!", { ref: newRef(), reason: "r", points: 1 })).status).toBe(422);
  });

  it("answers INVALID_AMOUNT (422) when a purchase rounds to 0 points", async () => {
    const uid = newUid();
    await putMember(uid);
    const res = await earn(uid, { ref: newRef(), reason: "小额", amountFen: 50 });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("INVALID_AMOUNT");
    expect(await balanceOf(uid)).toBe(50);
  });
});

describe("POST /api/v1/members/{uid}/points/deduct", () => {
  it("deducts, is idempotent on ref, and refuses more than the balance with 409 and nothing written", async () => {
    const uid = newUid();
    await putMember(uid);
    const body = { ref: newRef("deduct"), reason: "人工扣减", points: 30 };
    const res = await deduct(uid, body);
    expect(res.status).toBe(200);
    expect(DeductResult.parse(res.json)).toEqual(res.json);
    expect(res.json).toMatchObject({ balance: 20, deducted: 30 });
    expect((await deduct(uid, body)).json).toEqual(res.json);
    const before = await fullLedger(uid);
    expect(before[0]).toMatchObject({ id: res.json.entryId, amount: -30, balanceAfter: 20 });

    const short = await deduct(uid, { ref: newRef(), reason: "太多", points: 21 });
    expect(short.status).toBe(409);
    expect(short.json.error.code).toBe("INSUFFICIENT_POINTS");
    expect(short.json.error.message).toMatch(/^积分不足/);
    expect(short.json.error.message).not.toMatch(/积分不足.*积分不足/);
    expect(await balanceOf(uid)).toBe(20);
    expect(await fullLedger(uid)).toEqual(before);
  });

  it("answers 404 for an unknown member and 422 for bad bodies, writing nothing", async () => {
    const stranger = newUid();
    const res = await deduct(stranger, { ref: newRef(), reason: "r", points: 1 });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("MEMBER_NOT_FOUND");
    expect((await getMember(stranger)).status).toBe(404);

    const uid = newUid();
    await putMember(uid);
    const before = await fullLedger(uid);
    for (const [body, field] of [
      [{ ref: newRef(), reason: "r" }, "points"],
      [{ ref: newRef(), reason: "r", points: 0 }, "points"],
      [{ ref: newRef(), reason: "r", amountFen: 100 }, "points: 必填"],
      [{ ref: newRef(), reason: "r", points: 1, amountFen: 100 }, "amountFen"],
      [{ ref: "bad ref", reason: "r", points: 1 }, "ref"],
      [{ ref: newRef(), points: 1 }, "reason"],
    ] as const) {
      const r = await deduct(uid, body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.json.error.message).toContain(field);
    }
    expect(await fullLedger(uid)).toEqual(before);
  });
});

describe("POST /api/v1/members/{uid}/points/reverse", () => {
  it("takes back a whole earning when the balance allows", async () => {
    const uid = newUid();
    const earnRef = newRef("order");
    await earn(uid, { ref: earnRef, reason: "订单", amountFen: 10000 });
    const body = { ref: newRef("refund"), reason: "订单退款", earnRef };
    const res = await reverse(uid, body);
    expect(res.status).toBe(200);
    expect(ReverseResult.parse(res.json)).toEqual(res.json);
    expect(res.json).toEqual({ reversed: 100, shortfall: 0, balance: 50 });
    expect((await reverse(uid, body)).json).toEqual(res.json);
    expect(await balanceOf(uid)).toBe(50);
  });

  it("takes back what it can and reports the shortfall when points were already spent", async () => {
    const uid = newUid();
    const earnRef = newRef("order");
    await earn(uid, { ref: earnRef, reason: "订单", amountFen: 10000 });
    expect((await deduct(uid, { ref: newRef(), reason: "兑换", points: 80 })).json.balance).toBe(70);
    const res = await reverse(uid, { ref: newRef("refund"), reason: "订单退款", earnRef });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ reversed: 70, shortfall: 30, balance: 0 });
    expect(await balanceOf(uid)).toBe(0);
  });

  it("answers 404 EARN_NOT_FOUND for an unknown earnRef and MEMBER_NOT_FOUND for an unknown member", async () => {
    const uid = newUid();
    await putMember(uid);
    const res = await reverse(uid, { ref: newRef(), reason: "退款", earnRef: "never-earned" });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("EARN_NOT_FOUND");
    expect(await balanceOf(uid)).toBe(50);
    const stranger = await reverse(newUid(), { ref: newRef(), reason: "退款", earnRef: "x" });
    expect(stranger.status).toBe(404);
    expect(stranger.json.error.code).toBe("MEMBER_NOT_FOUND");
    const bad = await reverse(uid, { ref: newRef(), reason: "退款" });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain("earnRef");
  });
});

describe("GET /api/v1/members/{uid}/ledger", () => {
  it("pages newest first with an opaque cursor: no duplicates, no gaps", async () => {
    const uid = newUid();
    await putMember(uid);
    for (let i = 1; i <= 24; i++) {
      expect((await earn(uid, { ref: `p-${i}`, reason: `第 ${i} 笔`, points: i, source: "purchase" })).status).toBe(
        200,
      );
    }
    const all = await fullLedger(uid, 100);
    expect(all).toHaveLength(25);
    const pages: any[][] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof call>> = await call(
        "GET",
        `/api/v1/members/${uid}/ledger?limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      expect(LedgerPage.parse(res.json)).toEqual(res.json);
      pages.push(res.json.entries);
      cursor = res.json.nextCursor;
      if (cursor) expect(cursor).not.toMatch(/^\d+$/);
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([7, 7, 7, 4]);
    const paged = pages.flat();
    expect(paged).toEqual(all);
    expect(new Set(paged.map((e) => e.id)).size).toBe(25);
    expect(paged.map((e) => e.ref)).toEqual([...Array.from({ length: 24 }, (_, i) => `p-${24 - i}`), paged[24].ref]);
    expect(paged[24]).toMatchObject({ source: "signup_bonus", amount: 50, balanceAfter: 50 });
    expect(paged[0]).toMatchObject({
      kind: "earned",
      amount: 24,
      balanceAfter: 50 + (24 * 25) / 2,
      reason: "第 24 笔",
      source: "purchase",
    });
    // Defaults to 20.
    expect((await call("GET", `/api/v1/members/${uid}/ledger`)).json.entries).toHaveLength(20);
  });

  it("refuses a bad limit or cursor with 422, and an unknown member with 404", async () => {
    const uid = newUid();
    await putMember(uid);
    for (const q of [
      "limit=0",
      "limit=101",
      "limit=abc",
      "limit=2.5",
      "limit=",
      "cursor=%25%25",
      "cursor=abc",
      "cursor=MTIz",
    ]) {
      const res = await call("GET", `/api/v1/members/${uid}/ledger?${q}`);
      expect(res.status, q).toBe(422);
      expect(res.json.error.code).toBe("VALIDATION_FAILED");
      expect(res.json.error.message, q).toMatch(/limit|cursor/);
    }
    const res = await call("GET", `/api/v1/members/${newUid()}/ledger`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("MEMBER_NOT_FOUND");
  });
});
