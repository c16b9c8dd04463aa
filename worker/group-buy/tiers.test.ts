// A group deal limited to member tiers (issue 9's tiers for 拼团): set by the API and the console, named on the
// item page and the group page, refused with TIER_NOT_ALLOWED (409, the tiers named) for 开团 and 参团 by a
// member of another tier — nothing spent, no group opened, no seat taken — by the edge and by the group's
// object itself; a member of an allowed tier opens and joins as usual.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, newRef } from "../api/test-client";
import { ownerSession } from "../admin/test-admin";
import { createItem, db, mallRules, memberWith } from "../redeem/test-support";
import { BASE, balanceOf, csrfOf, get, givePoints, HX, inputValue, login, post } from "../shop/test-session";
import { walletFor } from "../wallet/wallet-stub";
import { groupFor } from "./group-stub";
import { dealTiers, readDeal } from "./rows";
import { joinInput, newGroup } from "./test-support";

async function newDeal(over: Record<string, unknown> = {}) {
  const { itemId } = await createItem({ points: 100, stock: 5 });
  const r = await call("POST", "/api/v1/group-deals", {
    ref: newRef("gdt"),
    itemId,
    groupSize: 2,
    pointsPrice: 60,
    fillHours: 24,
    tiers: ["gold"],
    ...over,
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return { itemId, dealId: r.json.id as string };
}

function formField(html: string, action: string, name: string): string | null {
  const at = html.indexOf(`action="${action}"`);
  if (at < 0) return null;
  return inputValue(html.slice(at, html.indexOf("</form>", at)), name);
}

/** 2,000 points earned in a year: the member is 黄金 (gold). */
async function goldMember() {
  const m = await login();
  await givePoints(m.uid, 2_000);
  const s = await walletFor(env, m.uid).summary({ uid: m.uid, now: Date.now(), rules: await mallRules() });
  expect(s.tier.key).toBe("gold");
  return m;
}

describe("group deal tiers", () => {
  it("the object refuses a seat for a member of another tier before anything is written", async () => {
    const rules = await mallRules();
    const g = await newGroup();
    const leader = await memberWith(200, "gtl");
    const other = await memberWith(200, "gto");
    const def = { ...g.def(leader), tiers: ["gold"] };
    expect(await g.stub.join(joinInput(leader, rules, { open: def, tier: "standard" }))).toEqual({
      ok: false,
      code: "TIER_NOT_ALLOWED",
    });
    expect(await g.stub.view()).toBeNull(); // no group opened
    const opened = await g.stub.join(joinInput(leader, rules, { open: def, tier: "gold" }));
    expect(opened.ok).toBe(true);
    expect(await g.stub.join(joinInput(other, rules, { tier: null }))).toEqual({
      ok: false,
      code: "TIER_NOT_ALLOWED",
    });
    const view = (await groupFor(env, g.id).view())!;
    expect(view.seats.map((s) => s.uid)).toEqual([leader]);
  });

  it("the API answers the tiers; a bad tier key is a 422", async () => {
    const { dealId } = await newDeal({ tiers: ["gold", "diamond"] });
    expect((await call("GET", `/api/v1/group-deals/${dealId}`)).json.tiers).toEqual(["gold", "diamond"]);
    const { itemId } = await createItem({ points: 100, stock: 5 });
    const bad = await call("POST", "/api/v1/group-deals", {
      ref: newRef("gdt"),
      itemId,
      groupSize: 2,
      pointsPrice: 60,
      fillHours: 24,
      tiers: ["GOLD!"],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.message).toContain("tiers");
  });

  it("a standard member sees the tiers and no button; 开团 and 参团 posted anyway are 409 and spend nothing", async () => {
    const { itemId, dealId } = await newDeal();
    const standard = await login();
    const s0 = await givePoints(standard.uid, 100);
    const page = await (await get(`/items/${itemId}`, standard.cookie)).text();
    expect(page).toContain("仅限黄金会员开团、参团");
    expect(page).toMatch(/<button[^>]*disabled[^>]*data-tier-blocked[^>]*>仅限黄金会员</);
    expect(formField(page, "/groups", "key")).toBeNull();
    const csrf = await csrfOf(standard.cookie);
    const open = await post("/groups", standard.cookie, { dealId, key: crypto.randomUUID(), _csrf: csrf });
    expect(open.status).toBe(409);
    const openText = await open.text();
    expect(openText).toContain("这个拼团仅限黄金会员参加");
    expect(await balanceOf(standard.uid)).toBe(s0);

    // A gold member opens the group from the item page.
    const gold = await goldMember();
    const goldPage = await (await get(`/items/${itemId}`, gold.cookie)).text();
    expect(goldPage).not.toContain("data-tier-blocked");
    const opened = await post("/groups", gold.cookie, {
      dealId,
      key: formField(goldPage, "/groups", "key")!,
      _csrf: formField(goldPage, "/groups", "_csrf")!,
    });
    expect(opened.status).toBe(303);
    const groupPath = opened.headers.get("Location")!;

    // The standard member on the group's page: the tiers, no join form; a join posted anyway is refused.
    const gp = await (await get(groupPath, standard.cookie)).text();
    expect(gp).toContain("data-group-tiers>仅限黄金会员开团、参团");
    expect(formField(gp, `${groupPath}/join`, "key")).toBeNull();
    for (const headers of [undefined, HX]) {
      const res = await post(`${groupPath}/join`, standard.cookie, { key: crypto.randomUUID(), _csrf: csrf }, headers);
      expect(res.status).toBe(409);
      const out = await res.text();
      expect(out).toContain('data-error-code="TIER_NOT_ALLOWED"');
      expect(out).toContain("这个拼团仅限黄金会员参加");
    }
    expect(await balanceOf(standard.uid)).toBe(s0);
    const view = (await groupFor(env, groupPath.slice(8)).view())!;
    expect(view.seats.map((s) => s.uid)).toEqual([gold.uid]);

    // Another gold member fills it.
    const gold2 = await goldMember();
    const gp2 = await (await get(groupPath, gold2.cookie)).text();
    const joined = await post(
      `${groupPath}/join`,
      gold2.cookie,
      { key: formField(gp2, `${groupPath}/join`, "key")!, _csrf: await csrfOf(gold2.cookie) },
      HX,
    );
    expect(joined.status).toBe(200);
    expect(await joined.text()).toContain('data-group-state="completed"');
  });

  it("the console sets and clears the tiers with checkboxes", async () => {
    const s = await ownerSession("/admin/group-deals");
    const { itemId } = await createItem({ points: 100, stock: 5 });
    const list = await (await get("/admin/group-deals", s.cookie)).text();
    expect(list).toMatch(/<input type="checkbox" name="tiers" value="diamond"/);
    const fields = {
      _csrf: s.csrf,
      ref: `console:${crypto.randomUUID()}`,
      itemId: String(itemId),
      groupSize: "3",
      pointsPrice: "50",
      fillHours: "24",
      enabled: "on",
    };
    const body = new URLSearchParams(fields);
    body.append("tiers", "diamond");
    const created = await SELF.fetch(`${BASE}/admin/group-deals`, {
      method: "POST",
      body,
      headers: { Cookie: s.cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(created.status).toBe(303);
    const id = created.headers.get("location")!.split("/").pop()!;
    expect(dealTiers((await readDeal(db(), id))!)).toEqual(["diamond"]);
    expect(await (await get(`/admin/group-deals/${id}`, s.cookie)).text()).toMatch(/value="diamond" checked/);
    const edit = await post(`/admin/group-deals/${id}`, s.cookie, fields);
    expect(edit.status).toBe(303);
    expect(dealTiers((await readDeal(db(), id))!)).toEqual([]);
  });
});
