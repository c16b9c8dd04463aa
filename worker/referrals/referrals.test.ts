// 邀请有礼 end to end through the real Worker: the invite page, arrivals through /i/<code>, ?inv= and the
// autologin's redirect, every refusal (programme off, unknown code, self, cycle, an existing member), each
// qualifying action (sign-up, first check-in, first purchase reported by the API), pays once under concurrent
// triggers, the inviter's daily and total caps (the invitee still paid, the inviter's reward refused), and
// the console. The programme's settings are one row: each test sets what it needs first.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { t } from "../../views/i18n";
import { earn, newRef } from "../api/test-client";
import { loadSettings, walletRules } from "../settings/load-settings";
import { csrfOf, get, HX, login, post } from "../shop/test-session";
import { db } from "../redeem/test-support";
import { ownerSession } from "../admin/test-admin";
import { bindReferral } from "./bind";
import { referralTrigger } from "./settle";
import {
  arrive,
  balanceOf,
  entriesOf,
  inviteCodeOf,
  loginWith,
  openAsGuest,
  programme,
  referralOf,
  refusalsOf,
} from "./test-support";

const rules = async () => walletRules(await loadSettings(db()));

describe("the invite page", () => {
  it("shows the member's link and code (selectable, copy button for JS) and a stable code", async () => {
    await programme();
    const a = await login();
    const res = await get("/invite", a.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    const code = await inviteCodeOf(a);
    expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/);
    expect(html).toContain(`http://mall.test/i/${code}</output>`);
    expect(html).toMatch(/<button[^>]*data-copy="#invite-link"[^>]*hidden/);
    expect(html).toContain(t("referrals.rule", { inviter: 20, invitee: 10, action: t("referrals.qualify.signup") }));
    expect(await inviteCodeOf(a)).toBe(code);
    expect(await (await get("/invite")).text()).toContain(t("login.needed"));
  });
});

describe("binding a new member", () => {
  it("signup: the friend is bound once and both are paid at once, with deterministic refs", async () => {
    await programme({ qualify: "signup" });
    const a = await login();
    const code = await inviteCodeOf(a);
    const before = await balanceOf(a.uid);
    const b = await arrive(code);
    const row = await referralOf(b.uid);
    expect(row).toMatchObject({ inviter: a.uid, inviterState: "paid", inviteeState: "paid" });
    expect(await balanceOf(a.uid)).toBe(before + 20);
    expect((await entriesOf(a.uid, "referral:")).map((e) => [e.ref, e.amount, e.source])).toEqual([
      [`referral:${b.uid}:inviter`, 20, "referral"],
    ]);
    expect((await entriesOf(b.uid, "referral:")).map((e) => [e.ref, e.amount])).toEqual([
      [`referral:${b.uid}:invitee`, 10],
    ]);
    // The invite page lists the friend, masked, with the reward.
    const html = await (await get("/invite", a.cookie)).text();
    expect(html).toContain("小*学");
    expect(html).toContain(t("referrals.state.paid", { points: 20 }));
    // Signing in again through the same link changes nothing.
    await loginWith(b.uid, await openAsGuest(`/i/${code}`));
    expect(await balanceOf(a.uid)).toBe(before + 20);
    expect(await refusalsOf(b.uid)).toEqual(["EXISTING"]);
  });

  it("refuses self-invites, existing members, cycles, unknown codes and a switched-off programme", async () => {
    await programme();
    const a = await login();
    const code = await inviteCodeOf(a);
    // self: A through A's own link
    await loginWith(a.uid, await openAsGuest(`/i/${code}`));
    expect(await refusalsOf(a.uid)).toEqual(["SELF"]);
    // existing: C was a member before arriving
    const c = await login();
    await loginWith(c.uid, await openAsGuest(`/i/${code}`));
    expect(await referralOf(c.uid)).toBeUndefined();
    expect(await refusalsOf(c.uid)).toEqual(["EXISTING"]);
    // cycle: A invited B; A cannot be B's invitee
    const b = await arrive(code);
    const bCode = await inviteCodeOf(b);
    await loginWith(a.uid, await openAsGuest(`/i/${bCode}`));
    expect(await referralOf(a.uid)).toBeUndefined();
    expect(await refusalsOf(a.uid)).toEqual(["SELF", "CYCLE"]);
    // ...nor anyone further up the chain: B invites D, then A arrives through D's link
    const d = await arrive(bCode);
    expect((await referralOf(d.uid))?.inviter).toBe(b.uid);
    await loginWith(a.uid, await openAsGuest(`/i/${await inviteCodeOf(d)}`));
    expect(await refusalsOf(a.uid)).toEqual(["SELF", "CYCLE", "CYCLE"]);
    // unknown code (well-formed) and a malformed one
    const e = await loginWith(`f-${crypto.randomUUID()}`, await openAsGuest("/i/ZZZZZZZZ"));
    expect(await referralOf(e.uid)).toBeUndefined();
    expect(await refusalsOf(e.uid)).toEqual(["UNKNOWN_CODE"]);
    expect((await get("/i/not-a-code")).status).toBe(404);
    // programme off: no binding, nothing paid
    await programme({ enabled: false });
    const f = await arrive(code);
    expect(await referralOf(f.uid)).toBeUndefined();
    expect(await refusalsOf(f.uid)).toEqual(["OFF"]);
    // one inviter per invitee, ever (a second bind is refused even if the first is the same inviter)
    await programme();
    expect(await bindReferral(db(), { invitee: b.uid, code, created: true, now: Date.now() })).toEqual({
      ok: false,
      reason: "ALREADY_BOUND",
    });
  });

  it("remembers ?inv= on any page, and reads inv from the autologin's redirect", async () => {
    await programme();
    const a = await login();
    const code = await inviteCodeOf(a);
    const viaParam = await loginWith(`f-${crypto.randomUUID()}`, await openAsGuest(`/?inv=${code.toLowerCase()}`));
    expect((await referralOf(viaParam.uid))?.inviter).toBe(a.uid);
    const viaRedirect = await loginWith(`f-${crypto.randomUUID()}`, "", `/invite?inv=${code}`);
    expect((await referralOf(viaRedirect.uid))?.inviter).toBe(a.uid);
    // a signed-in member opening a link is not given the cookie
    expect(await (async () => (await get(`/i/${code}`, a.cookie)).headers.getSetCookie().join(""))()).not.toContain(
      "mall_inv",
    );
  });
});

describe("qualifying actions", () => {
  it("first check-in: pending until the friend checks in, then both paid", async () => {
    await programme({ qualify: "checkin" });
    const a = await login();
    const b = await arrive(await inviteCodeOf(a));
    expect(await referralOf(b.uid)).toMatchObject({
      qualifiedAt: null,
      inviterState: "pending",
      inviteeState: "pending",
    });
    const aBefore = await balanceOf(a.uid);
    const bBefore = await balanceOf(b.uid);
    const res = await post("/checkin", b.cookie, { _csrf: await csrfOf(b.cookie) }, HX);
    expect(res.status).toBe(200);
    expect(await referralOf(b.uid)).toMatchObject({ inviterState: "paid", inviteeState: "paid" });
    expect(await balanceOf(a.uid)).toBe(aBefore + 20);
    expect((await balanceOf(b.uid)) - bBefore).toBeGreaterThan(10); // the check-in's points + 10
    expect(await entriesOf(b.uid, "referral:")).toHaveLength(1);
  });

  it("first purchase reported by the API: other earnings do not qualify; two purchases at once pay once", async () => {
    await programme({ qualify: "purchase" });
    const a = await login();
    const b = await arrive(await inviteCodeOf(a));
    const aBefore = await balanceOf(a.uid);
    expect((await earn(b.uid, { ref: newRef(), reason: "活动", points: 5 })).status).toBe(200);
    expect((await referralOf(b.uid))?.qualifiedAt).toBeNull();
    const buys = await Promise.all(
      [1, 2, 3].map(() => earn(b.uid, { ref: newRef("buy"), reason: "消费", amountFen: 1000 })),
    );
    for (const r of buys) expect(r.status).toBe(200);
    expect(await referralOf(b.uid)).toMatchObject({ inviterState: "paid", inviteeState: "paid" });
    expect(await balanceOf(a.uid)).toBe(aBefore + 20);
    expect(await entriesOf(a.uid, "referral:")).toHaveLength(1);
    expect(await entriesOf(b.uid, "referral:")).toHaveLength(1);
  });

  it("concurrent triggers and a cut-short payout pay each side exactly once", async () => {
    await programme({ qualify: "checkin" });
    const a = await login();
    const b = await arrive(await inviteCodeOf(a));
    const r = await rules();
    const now = Date.now();
    await Promise.all(Array.from({ length: 8 }, () => referralTrigger(env, db(), b.uid, "checkin", r, now)));
    expect(await entriesOf(a.uid, "referral:")).toHaveLength(1);
    expect(await entriesOf(b.uid, "referral:")).toHaveLength(1);
    // A payout whose Turso state update was lost: the inviter's page finishes it with the same refs.
    const { referrals } = await import("../../db/schema");
    const { eq } = await import("drizzle-orm");
    await db()
      .update(referrals)
      .set({ inviterState: "pending", inviteeState: "pending" })
      .where(eq(referrals.invitee, b.uid));
    const before = await balanceOf(a.uid);
    expect((await get("/invite", a.cookie)).status).toBe(200);
    expect(await referralOf(b.uid)).toMatchObject({ inviterState: "paid", inviteeState: "paid" });
    expect(await balanceOf(a.uid)).toBe(before);
    expect(await entriesOf(a.uid, "referral:")).toHaveLength(1);
  });
});

describe("the inviter's caps", () => {
  it("daily cap: past it the invitee is still paid and the inviter's reward is refused (decided by the wallet)", async () => {
    await programme({ inviterDailyCap: 2 });
    const a = await login();
    const code = await inviteCodeOf(a);
    const before = await balanceOf(a.uid);
    const friends = await Promise.all([0, 1, 2, 3].map(() => arrive(code)));
    const rows = await Promise.all(friends.map((f) => referralOf(f.uid)));
    expect(rows.filter((r) => r?.inviterState === "paid")).toHaveLength(2);
    const refused = rows.filter((r) => r?.inviterState === "refused");
    expect(refused).toHaveLength(2);
    for (const r of refused) expect(r?.inviterRefusal).toBe("REFERRAL_CAP_REACHED");
    expect(rows.every((r) => r?.inviteeState === "paid")).toBe(true);
    expect(await balanceOf(a.uid)).toBe(before + 40);
    const html = await (await get("/invite", a.cookie)).text();
    expect(html).toContain(t("referrals.state.refused"));
  });

  it("total cap counts every rewarded invitee", async () => {
    await programme({ inviterTotalCap: 1 });
    const a = await login();
    const code = await inviteCodeOf(a);
    const first = await arrive(code);
    const second = await arrive(code);
    expect((await referralOf(first.uid))?.inviterState).toBe("paid");
    expect(await referralOf(second.uid)).toMatchObject({ inviterState: "refused", inviteeState: "paid" });
    expect(await entriesOf(a.uid, "referral:")).toHaveLength(1);
  });
});

describe("console", () => {
  it("saves the programme (audited), refuses bad values with nothing written, lists referrals and refusals", async () => {
    await programme();
    const a = await login();
    const b = await arrive(await inviteCodeOf(a));
    const owner = await ownerSession("/admin/referrals");
    const page = await (await get("/admin/referrals", owner.cookie)).text();
    expect(page).toContain(`data-invitee="${b.uid}"`);
    expect(page).toContain(t("admin.referrals.reward.paid", { points: 20 }));
    const bad = await post("/admin/referrals", owner.cookie, {
      _csrf: owner.csrf,
      enabled: "1",
      inviterPoints: "-5",
      inviteePoints: "10",
      qualify: "signup",
      inviterDailyCap: "",
      inviterTotalCap: "",
    });
    expect(bad.status).toBe(422);
    const { loadReferralSettings } = await import("./settings");
    expect((await loadReferralSettings(db())).inviterPoints).toBe(20);
    const ok = await post("/admin/referrals", owner.cookie, {
      _csrf: owner.csrf,
      enabled: "1",
      inviterPoints: "30",
      inviteePoints: "15",
      qualify: "purchase",
      inviterDailyCap: "3",
      inviterTotalCap: "",
    });
    expect(ok.status).toBe(303);
    expect(await loadReferralSettings(db())).toEqual({
      enabled: true,
      inviterPoints: 30,
      inviteePoints: 15,
      qualify: "purchase",
      inviterDailyCap: 3,
      inviterTotalCap: null,
    });
    expect((await post("/admin/referrals", owner.cookie, { enabled: "1" })).status).toBe(403);
  });
});
