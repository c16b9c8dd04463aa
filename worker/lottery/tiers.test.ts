// A lottery limited to member tiers (issue 9: "…window, tiers"): set by the API and the console, refused with
// TIER_NOT_ALLOWED (409, the member's text names the tiers) by the object itself and at the edge, shown on the
// page with the draw button disabled; a member of an allowed tier draws as usual. Nothing is spent or counted
// for a refused member.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, newRef } from "../api/test-client";
import { mallRules, memberWith } from "../redeem/test-support";
import { BASE, get, HX, inputValue, login, post } from "../shop/test-session";
import { walletFor } from "../wallet/wallet-stub";
import { ownerSession } from "../admin/test-admin";
import { lotteryFor } from "./lottery-stub";
import { readLottery, versionedOf } from "./rows";
import { db } from "../redeem/test-support";
import { drawInput, newLottery } from "./test-support";

const summary = async (uid: string) => walletFor(env, uid).summary({ uid, now: Date.now(), rules: await mallRules() });

async function give(uid: string, points: number) {
  const r = await walletFor(env, uid).earn({
    uid,
    ref: `seed-${crypto.randomUUID()}`,
    reason: "测试",
    source: "purchase",
    points,
    now: Date.now(),
    rules: await mallRules(),
  });
  expect(r.ok).toBe(true);
}

const body = (over: Record<string, unknown> = {}) => ({
  ref: newRef("tier"),
  name: "黄金会员专享转盘",
  kind: "wheel",
  costPoints: 10,
  dailyLimit: 3,
  tiers: ["gold", "diamond"],
  prizes: [
    { name: "20 积分", kind: "points", points: 20, weight: 1 },
    { name: "谢谢参与", kind: "none", weight: 1 },
  ],
  ...over,
});

describe("lottery tiers", () => {
  it("the object refuses a member of another tier (or of no known tier) and counts nothing", async () => {
    const rules = await mallRules();
    const { v, stub } = newLottery({ tiers: ["gold"] });
    const uid = await memberWith(100, "ltier");
    const refused = await stub.draw({ ...drawInput(v, uid, rules), tier: "standard" });
    expect(refused).toEqual({ ok: false, code: "TIER_NOT_ALLOWED" });
    expect(await stub.draw({ ...drawInput(v, uid, rules), tier: null })).toEqual({
      ok: false,
      code: "TIER_NOT_ALLOWED",
    });
    expect((await stub.draws({ limit: 10, uid })).draws).toEqual([]);
    expect((await summary(uid)).balance).toBe(100);
    const ok = await stub.draw({ ...drawInput(v, uid, rules), tier: "gold" });
    expect(ok.ok).toBe(true);
    // Every tier (no tiers set): no tier needed.
    const open = newLottery();
    expect((await open.stub.draw(drawInput(open.v, uid, rules))).ok).toBe(true);
  });

  it("the API stores the tiers and answers them; a bad tier key is a 422 that creates nothing", async () => {
    const b = body();
    const created = await call("POST", "/api/v1/lotteries", b);
    expect(created.status).toBe(201);
    const got = await call("GET", `/api/v1/lotteries/${created.json.id}`);
    expect(got.json.tiers).toEqual(["gold", "diamond"]);
    const bad = await call("POST", "/api/v1/lotteries", body({ tiers: ["Gold Members"] }));
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe("VALIDATION_FAILED");
    expect(bad.json.error.message).toContain("tiers");
    // Without tiers: every tier, answered as [].
    const all = await call("POST", "/api/v1/lotteries", body({ tiers: undefined }));
    expect((await call("GET", `/api/v1/lotteries/${all.json.id}`)).json.tiers).toEqual([]);
  });

  it("the page names the tiers and disables the draw for others; a draw posted anyway is a 409 that spends nothing", async () => {
    const id = (await call("POST", "/api/v1/lotteries", body())).json.id as string;
    const m = await login();
    await give(m.uid, 100);
    expect((await summary(m.uid)).tier.key).toBe("standard");
    const page = await get(`/lottery/${id}`, m.cookie);
    const html = await page.text();
    expect(html).toContain("仅限黄金、钻石会员参与");
    expect(html).toMatch(/<button[^>]*disabled[^>]*data-draw-button[^>]*>仅限黄金、钻石会员参与</);
    const csrf = inputValue(html, "_csrf")!;
    const before = (await summary(m.uid)).balance;
    for (const headers of [undefined, HX]) {
      const res = await post(`/lottery/${id}/draw`, m.cookie, { key: crypto.randomUUID(), _csrf: csrf }, headers);
      expect(res.status).toBe(409);
      const out = await res.text();
      expect(out).toContain('data-error-code="TIER_NOT_ALLOWED"');
      expect(out).toContain("本活动仅限黄金、钻石会员参与");
    }
    expect((await summary(m.uid)).balance).toBe(before);
    expect((await lotteryFor(env, id).draws({ limit: 10, uid: m.uid })).draws).toEqual([]);

    // Earning 2,000 points in a year makes the member 黄金 (gold): now they may draw.
    await give(m.uid, 2_000);
    expect((await summary(m.uid)).tier.key).toBe("gold");
    const open = await (await get(`/lottery/${id}`, m.cookie)).text();
    expect(open).not.toMatch(/<button[^>]*disabled[^>]*data-draw-button/);
    const res = await post(`/lottery/${id}/draw`, m.cookie, { key: inputValue(open, "key")!, _csrf: csrf });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/data-result="(won|none)"/);
  });

  it("the console sets and clears the tiers with checkboxes", async () => {
    const s = await ownerSession("/admin/lotteries");
    const page = await (await get("/admin/lotteries", s.cookie)).text();
    expect(page).toMatch(/<input type="checkbox" name="tiers" value="gold"/);
    const form = {
      _csrf: s.csrf,
      ref: `console:${crypto.randomUUID()}`,
      name: "钻石专享",
      kind: "scratch",
      costPoints: "5",
      dailyLimit: "3",
      freeDrawsPerDay: "0",
      prize_name_0: "谢谢参与",
      prize_kind_0: "none",
      prize_weight_0: "1",
    };
    const body = new URLSearchParams(form);
    body.append("tiers", "gold");
    body.append("tiers", "diamond");
    const created = await SELF.fetch(`${BASE}/admin/lotteries`, {
      method: "POST",
      body,
      headers: { Cookie: s.cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(created.status).toBe(303);
    const id = created.headers.get("location")!.split("/").pop()!;
    expect(versionedOf((await readLottery(db(), id))!).config.tiers).toEqual(["gold", "diamond"]);
    const detail = await (await get(`/admin/lotteries/${id}`, s.cookie)).text();
    expect(detail).toMatch(/value="gold" checked/);
    // Saved with no box ticked: every tier again.
    const edit = await post(`/admin/lotteries/${id}`, s.cookie, { ...form, prize_id_0: "p1" });
    expect(edit.status).toBe(303);
    expect(versionedOf((await readLottery(db(), id))!).config.tiers).toEqual([]);
  });
});
