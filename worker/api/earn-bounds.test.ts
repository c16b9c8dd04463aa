// Issue 14 (medium): upper bounds on earning. Through the real API: amounts no purchase can have are refused
// by the schema; the merchant's maximum for one earning and per member per day (settings, enforced by the
// wallet) are refused with their codes; nothing is written in either case.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseRules } from "../settings/rules";
import { walletFor } from "../wallet/wallet-stub";
import { call, earn, fullLedger, getMember, newRef, newUid, putMember } from "./test-client";

async function member(): Promise<string> {
  const uid = newUid();
  expect((await putMember(uid, {})).status).toBe(201);
  return uid;
}

describe("earning bounds", () => {
  it("refuses amountFen 9007199254740991 and points near 2^53 (twice) with 422, nothing credited", async () => {
    const uid = await member();
    const r1 = await earn(uid, { ref: newRef(), reason: "消费", amountFen: 9007199254740991 });
    expect(r1.status).toBe(422);
    expect(r1.json.error.code).toBe("VALIDATION_FAILED");
    for (let i = 0; i < 2; i++) {
      const r = await earn(uid, { ref: newRef(), reason: "消费", points: 9007199254739991, source: "purchase" });
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await getMember(uid)).json.balance).toBe(50);
    expect((await fullLedger(uid)).map((e) => e.source)).toEqual(["signup_bonus"]);
  });

  it("the merchant's maximum for one earning (default 100,000) refuses more, from points or a purchase, with EARN_TOO_LARGE", async () => {
    const uid = await member();
    expect((await earn(uid, { ref: newRef(), reason: "消费", points: 100_000, source: "purchase" })).status).toBe(200);
    const ref = newRef();
    const big = await earn(uid, { ref, reason: "消费", points: 100_001, source: "purchase" });
    expect(big.status).toBe(422);
    expect(big.json.error.code).toBe("EARN_TOO_LARGE");
    expect(big.json.error.message).toContain("100000");
    // ¥200,000 at 1 point per ¥ = 200,000 points
    const purchase = await earn(uid, { ref: newRef(), reason: "消费", amountFen: 20_000_000 });
    expect(purchase.status).toBe(422);
    expect(purchase.json.error.code).toBe("EARN_TOO_LARGE");
    expect((await getMember(uid)).json.balance).toBe(100_050);
    // the refused ref was not used up
    expect((await earn(uid, { ref, reason: "消费", points: 10, source: "purchase" })).status).toBe(200);
  });

  it("the per-member daily maximum (default 1,000,000 points a local day) refuses the earning that would pass it with EARN_LIMIT_REACHED", async () => {
    const uid = await member();
    for (let i = 0; i < 9; i++)
      expect((await earn(uid, { ref: newRef(), reason: "消费", points: 100_000, source: "purchase" })).status).toBe(
        200,
      );
    // 50 (bonus) + 900,000 earned today; the bonus counts too
    expect((await earn(uid, { ref: newRef(), reason: "消费", points: 99_950, source: "purchase" })).status).toBe(200);
    const over = await earn(uid, { ref: newRef(), reason: "消费", points: 1, source: "purchase" });
    expect(over.status).toBe(409);
    expect(over.json.error.code).toBe("EARN_LIMIT_REACHED");
    expect((await getMember(uid)).json.balance).toBe(1_000_000);
  });

  it("the wallet enforces the limits the merchant configured (as the rules carry them)", async () => {
    const uid = newUid();
    const rules = { ...parseRules({ earnLimits: { perEarning: 500, perMemberDay: 800 } }), timeZone: "Asia/Shanghai" };
    const w = walletFor(env, uid);
    const now = Date.now();
    expect(rules.earnLimits).toEqual({ perEarning: 500, perMemberDay: 800 });
    expect(await w.earn({ uid, ref: "a", reason: "x", source: "purchase", points: 501, now, rules })).toMatchObject({
      ok: false,
      code: "EARN_TOO_LARGE",
    });
    expect(await w.earn({ uid, ref: "b", reason: "x", source: "purchase", points: 500, now, rules })).toMatchObject({
      ok: true,
      balance: 500,
    });
    expect(await w.earn({ uid, ref: "c", reason: "x", source: "purchase", points: 301, now, rules })).toMatchObject({
      ok: false,
      code: "EARN_LIMIT_REACHED",
    });
    expect(await w.earn({ uid, ref: "d", reason: "x", source: "purchase", points: 300, now, rules })).toMatchObject({
      ok: true,
      balance: 800,
    });
    // a purchase converted to points is held to the same limits
    expect(
      await w.earn({ uid, ref: "e", reason: "x", source: "purchase", amountFen: 100, now: now + 86_400_000, rules }),
    ).toMatchObject({ ok: true });
    const a = await w.audit(now + 86_400_000);
    expect(a.balance).toBe(801);
  });

  it("limits are validated: the schema bounds of the API are in the OpenAPI document", async () => {
    const doc = (await call("GET", "/api/v1/openapi.json")).json;
    const body =
      doc.components.schemas.EarnBody ??
      doc.paths["/api/v1/members/{uid}/points/earn"].post.requestBody.content["application/json"].schema;
    const props = (body.properties ?? doc.components.schemas[body.$ref?.split("/").pop()]?.properties) as Record<
      string,
      { maximum?: number }
    >;
    expect(props.points!.maximum).toBe(100_000_000);
    expect(props.amountFen!.maximum).toBe(10_000_000_000);
  });
});
