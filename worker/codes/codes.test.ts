// 兑换码 end to end through the real Worker: batches made by the Merchant API (codes answered once, stored as
// SHA-256 only, idempotent on ref, bad input refused with nothing written), redeemed on the member's page
// (+points once, htmx with the balance out of band and without JS), every refusal the same text (wrong, used,
// expired, disabled, over the per-member limit), concurrency (one code, two members: one credit; one member
// past the limit at once: exactly the limit), a claim whose credit was cut short finished by the retry, a
// wallet refusal giving the claim back, and wrong guesses slowed per member and per address (429 + wait).
import { env } from "cloudflare:workers";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { codeBatches, redeemCodes } from "../../db/schema";
import { t } from "../../views/i18n";
import { call, newRef } from "../api/test-client";
import { db, mallRules } from "../redeem/test-support";
import { csrfOf, get, login } from "../shop/test-session";
import { walletFor } from "../wallet/wallet-stub";
import { CODE_ALPHABET, hashCode, normaliseCode } from "./code-text";
import { GUESS_LIMITS } from "./guesses";
import { balanceOf, newBatch, redeem, testIp } from "./test-support";

const INVALID = t("error.CODE_INVALID");
const FORMAT = new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`);

const ledgerRefs = async (uid: string) =>
  (await walletFor(env, uid).ledger({ limit: 100 })).entries.map((e) => ({
    ref: e.ref,
    amount: e.amount,
    source: e.source,
  }));

describe("code batches (API)", () => {
  it("answers the codes once, keeps only their hashes, and is idempotent on ref", async () => {
    const ref = newRef("cb");
    const body = { ref, name: "开业卡", points: 20, count: 5, perMemberLimit: 2 };
    const r = await call("POST", "/api/v1/code-batches", body);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      name: "开业卡",
      points: 20,
      count: 5,
      used: 0,
      unused: 5,
      perMemberLimit: 2,
      disabled: false,
    });
    expect(r.json.codes).toHaveLength(5);
    for (const code of r.json.codes) expect(code).toMatch(FORMAT);
    expect(new Set(r.json.codes).size).toBe(5);
    const stored = await db().select().from(redeemCodes).where(eq(redeemCodes.batchId, r.json.id));
    const hashes = await Promise.all(r.json.codes.map((c: string) => hashCode(normaliseCode(c)!)));
    expect(stored.map((s) => s.hash).sort()).toEqual(hashes.sort());
    // No copy of a code anywhere in Turso: not in the batch row, not in a stored API answer.
    const dump =
      JSON.stringify(await db().all(sql`select * from code_batches`)) +
      JSON.stringify(await db().all(sql`select * from api_idempotency`));
    for (const code of r.json.codes) expect(dump).not.toContain(normaliseCode(code));

    const again = await call("POST", "/api/v1/code-batches", body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: r.json.id, codes: null, count: 5 });
    const other = await call("POST", "/api/v1/code-batches", { ...body, points: 21 });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("REF_CONFLICT");
    expect(await db().select().from(redeemCodes).where(eq(redeemCodes.batchId, r.json.id))).toHaveLength(5);

    const got = await call("GET", `/api/v1/code-batches/${r.json.id}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({ id: r.json.id, used: 0, unused: 5 });
    expect(got.json.codes).toBeUndefined();
    expect((await call("GET", "/api/v1/code-batches/C000000000000")).status).toBe(404);
    expect((await call("GET", "/api/v1/code-batches/nope")).status).toBe(422);
  });

  it("refuses bad input with a 4xx and writes nothing", async () => {
    const bad: Record<string, unknown>[] = [
      { name: "x", points: 0, count: 1 },
      { name: "x", points: 10, count: 0 },
      { name: "x", points: 10, count: 10_001 },
      { name: "", points: 10, count: 1 },
      { name: "x", points: 1.5, count: 1 },
      { name: "x", points: 10, count: 1, perMemberLimit: 0 },
      { name: "x", points: 10, count: 1, expiresAt: "2020-01-01T00:00:00Z" },
      { name: "x", points: 10, count: 1, expiresAt: "tomorrow" },
      { name: "x", points: 10, count: 1, extra: true },
      { name: "a\u202Eb", points: 10, count: 1 },
    ];
    for (const b of bad) {
      const ref = newRef("bad");
      const r = await call("POST", "/api/v1/code-batches", { ref, ...b });
      expect(r.status, JSON.stringify(b)).toBeGreaterThanOrEqual(400);
      expect(r.status, JSON.stringify(b)).toBeLessThan(500);
      expect(
        await db()
          .select()
          .from(codeBatches)
          .where(eq(codeBatches.ref, `api:${ref}`)),
      ).toHaveLength(0);
    }
    expect((await call("POST", "/api/v1/code-batches", { name: "x", points: 10, count: 1 })).status).toBe(422);
    const noAuth = await call(
      "POST",
      "/api/v1/code-batches",
      { ref: newRef(), name: "x", points: 1, count: 1 },
      { Authorization: "Bearer nope" },
    );
    expect(noAuth.status).toBe(401);
  });
});

describe("redeeming a code (member page)", () => {
  it("credits once (htmx, balance out of band); the second time is refused with the one text", async () => {
    const { codes } = await newBatch({ points: 30 });
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    const before = await balanceOf(m.uid);
    const ok = await redeem(m, csrf, codes[0]!.toLowerCase().replace(/-/g, " "));
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('data-code-result="ok"');
    expect(ok.text).toContain(t("codes.gained", { points: 30 }));
    expect(ok.text).toContain('id="balance-badge"');
    expect(ok.text).toContain('hx-swap-oob="true"');
    expect(await balanceOf(m.uid)).toBe(before + 30);
    const hash = await hashCode(normaliseCode(codes[0]!)!);
    expect((await ledgerRefs(m.uid)).filter((e) => e.ref === `code:${hash}`)).toEqual([
      { ref: `code:${hash}`, amount: 30, source: "code" },
    ]);

    const again = await redeem(m, csrf, codes[0]!);
    expect(again.status).toBe(409);
    expect(again.text).toContain('data-code-result="refused"');
    expect(again.text).toContain(INVALID);
    const wrong = await redeem(m, csrf, "ABCD-EFGH-JKLM");
    const junk = await redeem(m, csrf, "not a code at all");
    for (const r of [wrong, junk]) {
      expect(r.status).toBe(409);
      expect(r.text).toBe(again.text); // word for word: nothing tells a used code from a wrong one
    }
    expect(await balanceOf(m.uid)).toBe(before + 30);
    // Another member cannot use it either.
    const other = await login();
    expect((await redeem(other, await csrfOf(other.cookie), codes[0]!)).text).toBe(again.text);
  });

  it("works without JavaScript (the page with the result) and prefills ?c= from a printed QR code", async () => {
    const { codes } = await newBatch({ points: 15, count: 1 });
    const m = await login();
    const page = await (await get(`/codes?c=${encodeURIComponent(codes[0]!)}`, m.cookie)).text();
    expect(page).toMatch(new RegExp(`<input[^>]*name="code"[^>]*value="${codes[0]}"`));
    expect(page).toContain('action="/codes"');
    const csrf = await csrfOf(m.cookie);
    const res = await redeem(m, csrf, codes[0]!, { htmx: false });
    expect(res.status).toBe(200);
    expect(res.text).toContain("<!doctype html>");
    expect(res.text).toContain(t("codes.gained", { points: 15 }));
    expect((await get("/codes")).status).toBe(200); // a guest: the login help
    expect(await (await get("/codes")).text()).toContain(t("login.needed"));
    expect((await get(`/codes?c=${"x".repeat(65)}`, m.cookie)).status).toBe(400);
    expect((await redeem(m, "bad-csrf", codes[0]!)).status).toBe(403);
    expect((await redeem(m, csrf, "")).status).toBe(422);
  });

  it("an expired code and a disabled batch get the same text", async () => {
    const expiring = await newBatch({ points: 10, count: 1, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await db()
      .update(codeBatches)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(codeBatches.id, expiring.id));
    const disabled = await newBatch({ points: 10, count: 1 });
    await db().update(codeBatches).set({ disabled: true }).where(eq(codeBatches.id, disabled.id));
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    const before = await balanceOf(m.uid);
    for (const code of [expiring.codes[0]!, disabled.codes[0]!]) {
      const r = await redeem(m, csrf, code);
      expect(r.status).toBe(409);
      expect(r.text).toContain(INVALID);
    }
    expect(await balanceOf(m.uid)).toBe(before);
  });

  it("perMemberLimit holds exactly, also when the member sends their codes at once", async () => {
    const { codes } = await newBatch({ points: 5, count: 6, perMemberLimit: 2 });
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    const before = await balanceOf(m.uid);
    const answers = await Promise.all(codes.slice(0, 5).map((c) => redeem(m, csrf, c)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(answers.filter((a) => a.status === 409 && a.text.includes(INVALID))).toHaveLength(3);
    expect(await balanceOf(m.uid)).toBe(before + 10);
    // The codes refused for the limit are still good for someone else.
    const other = await login();
    const otherCsrf = await csrfOf(other.cookie);
    const left = codes.slice(0, 5).filter((_, i) => answers[i]!.status !== 200);
    expect((await redeem(other, otherCsrf, left[0]!)).status).toBe(200);
  });

  it("one code sent by two members at once is credited once", async () => {
    for (let round = 0; round < 3; round++) {
      const { codes } = await newBatch({ points: 7, count: 1 });
      const [a, b] = await Promise.all([login(), login()]);
      const [ca, cb] = await Promise.all([csrfOf(a.cookie), csrfOf(b.cookie)]);
      const [ba, bb] = await Promise.all([balanceOf(a.uid), balanceOf(b.uid)]);
      const [ra, rb] = await Promise.all([redeem(a, ca, codes[0]!), redeem(b, cb, codes[0]!)]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      expect((await balanceOf(a.uid)) - ba + (await balanceOf(b.uid)) - bb).toBe(7);
    }
  });

  it("a claim whose credit was cut short is finished by the retry, once", async () => {
    const { codes } = await newBatch({ points: 12, count: 1 });
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    const hash = await hashCode(normaliseCode(codes[0]!)!);
    // What a crash right after the claim leaves behind: claimed by the member, never credited.
    await db().update(redeemCodes).set({ claimedBy: m.uid, claimedAt: Date.now() }).where(eq(redeemCodes.hash, hash));
    const before = await balanceOf(m.uid);
    const [r1, r2] = await Promise.all([redeem(m, csrf, codes[0]!), redeem(m, csrf, codes[0]!)]);
    expect([r1.status, r2.status]).toContain(200);
    expect(await balanceOf(m.uid)).toBe(before + 12);
    expect((await redeem(m, csrf, codes[0]!)).status).toBe(409);
    expect((await ledgerRefs(m.uid)).filter((e) => e.ref === `code:${hash}`)).toHaveLength(1);
    const [row] = await db().select().from(redeemCodes).where(eq(redeemCodes.hash, hash));
    expect(row!.creditedAt).not.toBeNull();
    // A crash after the credit and before it was marked: the retry answers the wallet's first credit.
    await db().update(redeemCodes).set({ creditedAt: null }).where(eq(redeemCodes.hash, hash));
    expect((await redeem(m, csrf, codes[0]!)).status).toBe(200);
    expect(await balanceOf(m.uid)).toBe(before + 12);
  });

  it("a credit the wallet refuses (the member's daily earning limit) gives the claim back", async () => {
    const rules = await mallRules();
    const perDay = rules.earnLimits?.perMemberDay ?? 1_000_000;
    const { codes } = await newBatch({ points: 30, count: 1 });
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    // The member's day is nearly used up by purchases (each under the per-earning maximum).
    let left = perDay - (await balanceOf(m.uid)) - 10;
    for (let i = 0; left > 0; i++) {
      const points = Math.min(left, rules.earnLimits?.perEarning ?? 100_000);
      const r = await walletFor(env, m.uid).earn({
        uid: m.uid,
        ref: `fill-${i}`,
        reason: "测试",
        source: "purchase",
        points,
        now: Date.now(),
        rules,
      });
      expect(r.ok).toBe(true);
      left -= points;
    }
    const r = await redeem(m, csrf, codes[0]!);
    expect(r.status).toBe(409);
    expect(r.text).toContain('data-code-result="refused"');
    expect(r.text).not.toContain(INVALID);
    const hash = await hashCode(normaliseCode(codes[0]!)!);
    const [row] = await db().select().from(redeemCodes).where(eq(redeemCodes.hash, hash));
    expect(row).toMatchObject({ claimedBy: null, creditedAt: null });
    // The code is not used up: another member redeems it.
    const other = await login();
    expect((await redeem(other, await csrfOf(other.cookie), codes[0]!)).status).toBe(200);
  });
});

describe("guessing is slowed", () => {
  it(`after ${GUESS_LIMITS.member} wrong codes a member waits (429 with the seconds), even with a good code`, async () => {
    const { codes } = await newBatch({ points: 5, count: 1 });
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    for (let i = 0; i < GUESS_LIMITS.member; i++)
      expect((await redeem(m, csrf, `WRNG-${i}${i}${i}${i}-ZZZZ`)).status).toBe(409);
    const slowed = await redeem(m, csrf, codes[0]!);
    expect(slowed.status).toBe(429);
    const wait = Number(slowed.retryAfter);
    expect(wait).toBeGreaterThan(500);
    expect(wait).toBeLessThanOrEqual(600);
    expect(slowed.text).toContain('data-error-code="RATE_LIMITED"');
    expect(slowed.text).toMatch(/请 \d+ 秒后再试/);
    // Without JS: the error page, 429 too.
    expect((await redeem(m, csrf, codes[0]!, { htmx: false })).status).toBe(429);
    // Successes do not count: another member redeems several codes in a row.
    const many = await newBatch({ points: 1, count: GUESS_LIMITS.member + 2 });
    const o = await login();
    const oc = await csrfOf(o.cookie);
    for (const c of many.codes) expect((await redeem(o, oc, c)).status).toBe(200);
  });

  it(`after ${GUESS_LIMITS.ip} wrong codes from one address, every member there waits`, async () => {
    const ip = testIp();
    const per = GUESS_LIMITS.member - 1; // each member stays under their own limit
    let sent = 0;
    while (sent < GUESS_LIMITS.ip) {
      const m = await login();
      const csrf = await csrfOf(m.cookie);
      for (let i = 0; i < per && sent < GUESS_LIMITS.ip; i++, sent++)
        expect((await redeem(m, csrf, "ABCD-EFGH-JKLM", { ip })).status).toBe(409);
    }
    const fresh = await login();
    const r = await redeem(fresh, await csrfOf(fresh.cookie), "ABCD-EFGH-JKLM", { ip });
    expect(r.status).toBe(429);
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    // The same member from another address is not held back by that address.
    expect((await redeem(fresh, await csrfOf(fresh.cookie), "ABCD-EFGH-JKLM", { ip: testIp() })).status).toBe(409);
  });
});
