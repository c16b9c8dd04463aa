// Issue 8: per-source daily caps through the real API. The merchant's server granting a 500-point bonus
// (source "other", a trusted source) is accepted under the default rules, which cap only the member-driven
// channels; the same bonus is refused once the merchant caps "other" (the wallet with those rules).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseRules } from "../settings/rules";
import { walletFor } from "../wallet/wallet-stub";
import { earn, getMember, newRef, newUid, putMember } from "./test-client";

describe("per-source daily caps (API)", () => {
  it("a 500-point bonus from the merchant's server is accepted by default, twice in a day", async () => {
    const uid = newUid();
    expect((await putMember(uid, {})).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const r = await earn(uid, { ref: newRef(), reason: "活动奖励", points: 500 });
      expect(r.status).toBe(200);
      expect(r.json.earned).toBe(500);
    }
    // a task earning over the default task cap of 100 is still refused
    const task = await earn(uid, { ref: newRef(), reason: "任务", points: 101, source: "task" });
    expect(task.status).toBe(409);
    expect(task.json.error.code).toBe("DAILY_CAP_REACHED");
    expect((await getMember(uid)).json.balance).toBe(50 + 1000);
  });

  it("refused once the merchant sets a cap for the source, with what is left", async () => {
    const uid = newUid();
    const now = Date.now();
    const rules = { ...parseRules({ dailyCaps: { other: 600 } }), timeZone: "Asia/Shanghai" };
    const w = walletFor(env, uid);
    expect(await w.earn({ uid, ref: "a", reason: "x", source: "other", points: 500, now, rules })).toMatchObject({
      ok: true,
    });
    expect(await w.earn({ uid, ref: "b", reason: "x", source: "other", points: 500, now, rules })).toMatchObject({
      ok: false,
      code: "DAILY_CAP_REACHED",
      params: { cap: 600, left: 100 },
    });
  });
});
