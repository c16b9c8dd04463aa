// PUT/GET /api/v1/members/{uid} through the real Worker, wallet objects and local libSQL.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { members } from "../../db/schema";
import { MemberView, PutMemberResult } from "./schemas";
import { call, earn, fullLedger, getMember, newRef, newUid, putMember } from "./test-client";

const db = () => getDb(env.TURSO_DATABASE_URL);
const rowOf = async (uid: string) => (await db().select().from(members).where(eq(members.uid, uid)))[0];

describe("PUT /api/v1/members/{uid}", () => {
  it("creates the member with the new-member bonus (201), then updates only the given fields (200)", async () => {
    const uid = `${newUid()}@shop.example:42`;
    const created = await putMember(uid, { nickname: "小明", avatar: "https://img.example/a.png" });
    expect(created.status).toBe(201);
    expect(created.json).toEqual({
      uid,
      nickname: "小明",
      avatar: "https://img.example/a.png",
      balance: 50,
      created: true,
    });
    PutMemberResult.parse(created.json);

    const renamed = await putMember(uid, { nickname: "  大明 " });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toEqual({
      uid,
      nickname: "大明",
      avatar: "https://img.example/a.png",
      balance: 50,
      created: false,
    });

    const cleared = await putMember(uid, { avatar: null });
    expect(cleared.json).toEqual({ uid, nickname: "大明", avatar: null, balance: 50, created: false });

    // An empty body registers / touches the member; the bonus is never granted twice.
    expect((await putMember(uid)).json).toMatchObject({ balance: 50, created: false });
    const emptyJson = await call("PUT", `/api/v1/members/${uid}`, "", { "Content-Type": "application/json" });
    expect(emptyJson.json).toMatchObject({ nickname: "大明", balance: 50, created: false });
    const ledger = await fullLedger(uid);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ kind: "earned", amount: 50, source: "signup_bonus" });
    expect((await rowOf(uid))?.nickname).toBe("大明");
  });

  it("refuses bad input with 422 naming the field, and writes nothing", async () => {
    const uid = newUid();
    const bad: [unknown, string][] = [
      [{ nickname: "x".repeat(33) }, "nickname"],
      [{ nickname: "" }, "nickname"],
      [{ nickname: 5 }, "nickname"],
      [{ avatar: "http://img.example/a.png" }, "avatar"],
      [{ avatar: "javascript:alert(1)" }, "avatar"],
      [{ avatar: `https://img.example/${"a".repeat(500)}.png` }, "avatar"],
      [{ nick: "typo" }, "nick"],
      [[], ""],
    ];
    for (const [body, field] of bad) {
      const res = await putMember(uid, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe("VALIDATION_FAILED");
      expect(res.json.error.message).toContain(field);
    }
    for (const badUid of ["a".repeat(65), "has space", "中文", "a/b"]) {
      const res = await call("PUT", `/api/v1/members/${encodeURIComponent(badUid)}`, { nickname: "x" });
      expect(res.status, badUid).toBe(422);
      expect(res.json.error.message).toContain("uid");
    }
    const notJson = await call("PUT", `/api/v1/members/${uid}`, "{nickname:", { "Content-Type": "application/json" });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe("BAD_REQUEST");
    const form = await call("PUT", `/api/v1/members/${uid}`, "nickname=x", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(400);
    expect(await rowOf(uid)).toBeUndefined();
    expect((await getMember(uid)).status).toBe(404);
  });
});

describe("GET /api/v1/members/{uid}", () => {
  it("answers balance, tier, points earned in 12 months and expiring points from the wallet", async () => {
    const uid = newUid();
    await putMember(uid, { nickname: "查询" });
    expect((await earn(uid, { ref: newRef(), reason: "消费", amountFen: 30000 })).status).toBe(200);
    const res = await getMember(uid);
    expect(res.status).toBe(200);
    expect(MemberView.parse(res.json)).toEqual(res.json);
    expect(Object.keys(res.json).sort()).toEqual([
      "balance",
      "earnedLast12Months",
      "expiring",
      "nickname",
      "tier",
      "uid",
    ]);
    expect(res.json).toMatchObject({
      uid,
      nickname: "查询",
      balance: 350,
      tier: { key: "standard", name: "普通", multiplier: 1 },
    });
    expect(res.json.earnedLast12Months).toBeGreaterThanOrEqual(300);
    // Default expiry: the end of next year, so everything earned today expires together.
    expect(res.json.expiring.reduce((n: number, e: { points: number }) => n + e.points, 0)).toBe(350);
    for (const e of res.json.expiring) expect(new Date(e.expiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it("answers 404 MEMBER_NOT_FOUND for an unknown member", async () => {
    const res = await getMember(newUid());
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: { code: "MEMBER_NOT_FOUND", message: expect.any(String) } });
  });
});
