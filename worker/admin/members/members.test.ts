// 会员 in the console through the real Worker: search (uid/nickname substrings, LIKE wildcards taken
// literally, paging), the profile from the wallet (balance, tier, expiring points, the full ledger paged),
// manual adjustment (validation 422 changing nothing, refusals, idempotent on the form's ref, audited once),
// block/unblock (check-in, API earn and redeem refused while blocked; working again after), roles.
// The database is shared with other files running in parallel: every test makes its own members.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, members } from "../../../db/schema";
import { call, earn } from "../../api/test-client";
import { createItem } from "../../redeem/test-support";
import {
  balanceOf,
  csrfOf,
  db,
  get,
  givePoints,
  HX,
  inputValue,
  login as memberLogin,
  post,
  redeemForm,
} from "../../shop/test-session";
import { loadSettings, walletRules } from "../../settings/load-settings";
import { walletFor } from "../../wallet/wallet-stub";
import { login, OWNER, pageCsrf } from "../test-admin";

const tok = () => crypto.randomUUID().slice(0, 8);
const profilePath = (uid: string) => `/admin/members/${encodeURIComponent(uid)}`;

async function owner() {
  return login(OWNER.email, OWNER.password);
}

async function auditFor(uid: string) {
  return db()
    .select()
    .from(auditLog)
    .where(eq(auditLog.target, `member:${uid}`))
    .orderBy(auditLog.id);
}

/** The profile's adjust form fields. */
async function adjustForm(cookie: string, uid: string) {
  const res = await get(profilePath(uid), cookie);
  expect(res.status).toBe(200);
  const html = await res.text();
  return { html, csrf: inputValue(html, "_csrf")!, ref: inputValue(html, "ref")! };
}

const uidsIn = (html: string) => [...html.matchAll(/data-member="([^"]+)"/g)].map((m) => m[1]);

describe("search", () => {
  it("finds by uid or nickname substring, takes % and _ literally, shows balance, tier and blocked state", async () => {
    const cookie = await owner();
    const k = tok();
    const a = `ms-${k}-a`;
    const b = `ms-${k}-b`;
    expect((await call("PUT", `/api/v1/members/${a}`, { nickname: `小栗_${k}` })).status).toBe(201);
    expect((await call("PUT", `/api/v1/members/${b}`, { nickname: `大栗%${k}` })).status).toBe(201);
    await givePoints(a, 2500); // 50 bonus + 2,500 purchase → 黄金
    expect((await walletFor(env, a).drainOutbox()).ok).toBe(true);
    await db().update(members).set({ blocked: true }).where(eq(members.uid, b));

    const find = async (q: string) => {
      const res = await get(`/admin/members?${new URLSearchParams({ q })}`, cookie);
      expect(res.status).toBe(200);
      return res.text();
    };
    expect(uidsIn(await find(k)).sort()).toEqual([a, b]);
    expect(uidsIn(await find(`${k}-a`))).toEqual([a]);
    expect(uidsIn(await find(`_${k}`))).toEqual([a]); // `_` is not "any character"
    expect(uidsIn(await find(`%${k}`))).toEqual([b]); // `%` is not "anything"
    expect(uidsIn(await find(`小栗_${k}`.toUpperCase()))).toEqual([a]);
    const none = await find(`nobody-${k}`);
    expect(uidsIn(none)).toEqual([]);
    expect(none).toContain("data-members-empty");

    const html = await find(k);
    const rowA = /<li[^>]*data-member="ms-[^"]*-a"[\s\S]*?<\/li>/.exec(html)![0];
    expect(rowA).toContain('data-blocked="false"');
    expect(rowA).toContain(`小栗_${k}`);
    expect(rowA).toContain("2550 积分");
    expect(rowA).toContain("黄金");
    const rowB = /<li[^>]*data-member="ms-[^"]*-b"[\s\S]*?<\/li>/.exec(html)![0];
    expect(rowB).toContain('data-blocked="true"');
    expect(rowB).toContain("已冻结");
    expect(rowB).toContain("普通");
  });

  it("pages 20 at a time; a bad page or an over-long query is a 422 page", async () => {
    const cookie = await owner();
    const k = tok();
    const now = Date.now();
    await db()
      .insert(members)
      .values(
        Array.from({ length: 23 }, (_, i) => ({
          uid: `pg-${k}-${String(i).padStart(2, "0")}`,
          nickname: `页${i}`,
          createdAt: now,
          updatedAt: now,
        })),
      );
    const first = await (await get(`/admin/members?q=pg-${k}`, cookie)).text();
    expect(uidsIn(first)).toHaveLength(20);
    expect(first).toContain("data-next-page");
    const second = await (await get(`/admin/members?q=pg-${k}&page=1`, cookie)).text();
    expect(uidsIn(second)).toHaveLength(3);
    expect(second).not.toContain("data-next-page");
    expect(new Set([...uidsIn(first), ...uidsIn(second)]).size).toBe(23);
    expect((await get(`/admin/members?page=x`, cookie)).status).toBe(422);
    expect((await get(`/admin/members?q=${"x".repeat(65)}`, cookie)).status).toBe(422);
  });

  it("needs an admin session; operators may use it", async () => {
    const res = await get("/admin/members");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/login");
    const ownerCookie = await owner();
    const email = `op-${tok()}@example.com`;
    const created = await post("/admin/users", ownerCookie, {
      _csrf: await pageCsrf(ownerCookie, "/admin/users"),
      email,
    });
    const password = /data-initial-password="?[^>]*>([^<]+)</.exec(await created.text())![1]!;
    const op = await login(email, password);
    expect((await get("/admin/members", op)).status).toBe(200);
    const m = await memberLogin();
    expect((await get(profilePath(m.uid), op)).status).toBe(200);
  });
});

describe("profile", () => {
  it("shows the member, balance, tier with 12-month earnings, points expiring within 30 days, the full ledger paged, the orders link", async () => {
    const cookie = await owner();
    const m = await memberLogin(`pf-${tok()}`); // 50 new-member bonus
    const rules = walletRules(await loadSettings(db()));
    const wallet = walletFor(env, m.uid);
    const now = Date.now();
    // 10 points in a lot expiring in 10 days (the rules of that call), then 21 more entries
    expect(
      await wallet.earn({
        uid: m.uid,
        ref: "soon",
        reason: "短期积分",
        source: "purchase",
        points: 10,
        now,
        rules: { ...rules, expiry: { kind: "days", days: 10 } },
      }),
    ).toMatchObject({ ok: true });
    for (let i = 0; i < 21; i++)
      await wallet.earn({
        uid: m.uid,
        ref: `p-${i}`,
        reason: `购物 ${i}`,
        source: "purchase",
        points: 100,
        now,
        rules,
      });

    const res = await get(profilePath(m.uid), cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("测试"); // nickname
    expect(html).toContain(`<code>${m.uid}</code>`);
    expect(html).toContain('data-balance="2160"');
    expect(html).toContain("黄金（近 12 个月获得 2160 积分）");
    const expiry = new Date(now + 10 * 86_400_000 - 1).toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    expect(html).toContain(`10 积分将于 ${expiry} 到期`);
    expect(html).toContain(`href="/admin/orders?uid=${m.uid}"`);
    const rows = [...html.matchAll(/<li class="ledger__row"[^>]*data-entry="([^"]+)"/g)].map((x) => x[1]);
    expect(rows).toHaveLength(20);
    expect(rows[0]).toBe(`${m.uid}:23`);
    expect(html).toContain("购物 20");
    expect(html).toContain("余额 2160");
    const more = /hx-get="([^"]+\/ledger\?cursor=\d+)"/.exec(html)![1]!;
    const rest = await get(more.replace(/&amp;/g, "&"), cookie, HX);
    expect(rest.status).toBe(200);
    const restHtml = await rest.text();
    expect([...restHtml.matchAll(/data-entry="([^"]+)"/g)].map((x) => x[1])).toEqual([
      `${m.uid}:3`,
      `${m.uid}:2`,
      `${m.uid}:1`,
    ]);
    expect(restHtml).toContain("新会员奖励");
    expect(restHtml).toContain("短期积分");
  });

  it("an unknown member is a 404", async () => {
    const cookie = await owner();
    expect((await get(profilePath(`nobody-${tok()}`), cookie)).status).toBe(404);
    expect((await get("/admin/members/bad%20uid!", cookie)).status).toBe(404);
  });
});

describe("manual adjustment", () => {
  it("invalid input is a 422 with the field's message and changes nothing", async () => {
    const cookie = await owner();
    const m = await memberLogin(`aj-${tok()}`);
    const { csrf, ref } = await adjustForm(cookie, m.uid);
    const cases: [Record<string, string>, string][] = [
      [{ points: "0", reason: "x" }, "请填写非零整数积分"],
      [{ points: "abc", reason: "x" }, "请填写非零整数积分"],
      [{ points: "1.5", reason: "x" }, "请填写非零整数积分"],
      [{ points: "", reason: "x" }, "请填写非零整数积分"],
      [{ points: "10", reason: "   " }, "请填写调整原因"],
      [{ points: "10" }, "请填写调整原因"],
      [{ points: "10", reason: "y".repeat(101) }, "原因最多 100 个字"],
    ];
    for (const [fields, message] of cases) {
      const res = await post(`${profilePath(m.uid)}/adjust`, cookie, { _csrf: csrf, ref, ...fields }, HX);
      expect(res.status, JSON.stringify(fields)).toBe(422);
      const html = await res.text();
      expect(html).toContain(message);
      expect(html).toContain('class="field field--error"');
      expect(html).toContain('id="adjust-panel"');
    }
    // without htmx: the whole profile page, 422
    const page = await post(`${profilePath(m.uid)}/adjust`, cookie, { _csrf: csrf, ref, points: "x", reason: "r" });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("<html");
    // a bad ref, a missing CSRF token
    expect(
      (await post(`${profilePath(m.uid)}/adjust`, cookie, { _csrf: csrf, ref: "x", points: "5", reason: "r" }, HX))
        .status,
    ).toBe(422);
    expect((await post(`${profilePath(m.uid)}/adjust`, cookie, { ref, points: "5", reason: "r" }, HX)).status).toBe(
      403,
    );
    expect(await balanceOf(m.uid)).toBe(50);
    expect(await auditFor(m.uid)).toEqual([]);
    // the ref was not used: it still works
    expect(
      (await post(`${profilePath(m.uid)}/adjust`, cookie, { _csrf: csrf, ref, points: "5", reason: "r" }, HX)).status,
    ).toBe(200);
    expect(await balanceOf(m.uid)).toBe(55);
  });

  it("adds and takes points through the wallet, shows the new balance, refuses below zero (409), one change and one audit row per ref", async () => {
    const cookie = await owner();
    const m = await memberLogin(`aj-${tok()}`);
    let { csrf, ref } = await adjustForm(cookie, m.uid);
    expect(ref).toMatch(/^adm-adjust-[0-9a-f-]{36}$/);
    const add = await post(
      `${profilePath(m.uid)}/adjust`,
      cookie,
      { _csrf: csrf, ref, points: "+120", reason: "补偿延迟发货" },
      HX,
    );
    expect(add.status).toBe(200);
    const html = await add.text();
    expect(html).toContain('data-new-balance="170"');
    expect(html).toContain("余额 50 → 170");
    expect(html).toMatch(/id="member-summary"[^>]*hx-swap-oob="true"/);
    expect(html).toMatch(/id="ledger"[^>]*hx-swap-oob="true"/);
    expect(html).toContain("补偿延迟发货");
    const nextRef = inputValue(html, "ref");
    expect(nextRef).not.toBe(ref);
    // the same form again (a double submit): the same answer, nothing new
    const again = await post(
      `${profilePath(m.uid)}/adjust`,
      cookie,
      { _csrf: csrf, ref, points: "+120", reason: "补偿延迟发货" },
      HX,
    );
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('data-new-balance="170"');
    expect(await balanceOf(m.uid)).toBe(170);

    // too much: 409, nothing written; the same ref stays usable
    const tooMuch = await post(
      `${profilePath(m.uid)}/adjust`,
      cookie,
      { _csrf: csrf, ref: nextRef!, points: "-171", reason: "扣回" },
      HX,
    );
    expect(tooMuch.status).toBe(409);
    const refusal = await tooMuch.text();
    expect(refusal).toContain('data-error-code="INSUFFICIENT_POINTS"');
    expect(refusal).toContain("积分不足");
    expect(inputValue(refusal, "ref")).toBe(nextRef);
    expect(await balanceOf(m.uid)).toBe(170);
    // without htmx, a take: the whole page with the new balance
    const take = await post(`${profilePath(m.uid)}/adjust`, cookie, {
      _csrf: csrf,
      ref: nextRef!,
      points: "-70",
      reason: "扣回误发积分",
    });
    expect(take.status).toBe(200);
    const page = await take.text();
    expect(page).toContain('data-balance="100"');
    expect(page).toContain("余额 170 → 100");

    const entries = (await walletFor(env, m.uid).ledger({ limit: 5 })).entries;
    expect(entries.slice(0, 2).map((e) => [e.kind, e.amount, e.balanceAfter, e.reason, e.source])).toEqual([
      ["adjusted", -70, 100, "扣回误发积分", "adjust"],
      ["adjusted", 120, 170, "补偿延迟发货", "adjust"],
    ]);
    const audit = await auditFor(m.uid);
    expect(audit.map((a) => [a.actor, a.action, a.before, a.after])).toEqual([
      [OWNER.email, "member.adjust", { balance: 50 }, { balance: 170, points: 120, reason: "补偿延迟发货", ref }],
      [
        OWNER.email,
        "member.adjust",
        { balance: 170 },
        { balance: 100, points: -70, reason: "扣回误发积分", ref: nextRef },
      ],
    ]);
    // the audit log lists it
    const log = await (await get("/admin/audit", cookie)).text();
    expect(log).toContain(`member:${m.uid}`);
    expect(log).toContain("调整会员积分");
    ({ csrf, ref } = await adjustForm(cookie, m.uid));
    expect(ref).not.toBe(nextRef);
  });

  it("an unknown member is a 404 and nothing is written", async () => {
    const cookie = await owner();
    const uid = `nobody-${tok()}`;
    const csrf = await pageCsrf(cookie, "/admin/members");
    expect(
      (
        await post(`${profilePath(uid)}/adjust`, cookie, {
          _csrf: csrf,
          ref: `adm-adjust-${crypto.randomUUID()}`,
          points: "5",
          reason: "r",
        })
      ).status,
    ).toBe(404);
    expect((await walletFor(env, uid).audit(Date.now())).entries).toBe(0);
  });
});

describe("block / unblock", () => {
  it("a blocked member cannot check in, earn (API) or redeem and is told so; unblocked, all work again; each change audited once", async () => {
    const cookie = await owner();
    const m = await memberLogin(`bk-${tok()}`);
    await givePoints(m.uid, 500);
    const { itemId } = await createItem({ points: 100, stock: 5 });
    const csrf = await pageCsrf(cookie, profilePath(m.uid));
    const block = await post(`${profilePath(m.uid)}/block`, cookie, { _csrf: csrf });
    expect(block.status).toBe(303);
    expect(block.headers.get("location")).toBe(profilePath(m.uid));
    expect((await post(`${profilePath(m.uid)}/block`, cookie, { _csrf: csrf })).status).toBe(303); // idempotent
    const [row] = await db().select().from(members).where(eq(members.uid, m.uid));
    expect(row!.blocked).toBe(true);
    const profile = await (await get(profilePath(m.uid), cookie)).text();
    expect(profile).toContain("data-blocked-notice");
    expect(profile).toContain(`action="${profilePath(m.uid)}/unblock"`);

    // check-in: refused, told so, nothing earned
    const shopperCsrf = await csrfOf(m.cookie);
    const checkin = await post("/checkin", m.cookie, { _csrf: shopperCsrf }, HX);
    expect(checkin.status).toBe(403);
    expect(await checkin.text()).toContain("账户已冻结，本次签到未获得积分");
    // API earn: MEMBER_BLOCKED
    const refused = await earn(m.uid, { ref: `e-${tok()}`, reason: "购物", amountFen: 10_000 });
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe("MEMBER_BLOCKED");
    expect(refused.json.error.message).toContain("账户已冻结");
    // redeem: MEMBER_BLOCKED
    const form = await redeemForm(m.cookie, itemId);
    const redeem = await post(`/items/${itemId}/redeem`, m.cookie, { _csrf: form.csrf, key: form.key, qty: "1" }, HX);
    expect(redeem.status).toBe(403);
    expect(await redeem.text()).toContain('data-error-code="MEMBER_BLOCKED"');
    expect(await balanceOf(m.uid)).toBe(550);
    // the shopper is told on 我的积分 and in the header
    const points = await (await get("/me/points", m.cookie)).text();
    expect(points).toContain("您的账户已冻结");
    expect(points).toContain("data-member-blocked");
    expect(await (await get("/", m.cookie)).text()).toContain("data-member-blocked");

    const unblock = await post(`${profilePath(m.uid)}/unblock`, cookie, { _csrf: csrf });
    expect(unblock.status).toBe(303);
    expect((await post(`${profilePath(m.uid)}/unblock`, cookie, { _csrf: csrf })).status).toBe(303);
    expect(await (await get("/", m.cookie)).text()).not.toContain("data-member-blocked");
    expect((await post("/checkin", m.cookie, { _csrf: shopperCsrf }, HX)).status).toBe(200);
    const earned = await earn(m.uid, { ref: `e-${tok()}`, reason: "购物", amountFen: 10_000 });
    expect(earned.status).toBe(200);
    const form2 = await redeemForm(m.cookie, itemId);
    const ok = await post(`/items/${itemId}/redeem`, m.cookie, { _csrf: form2.csrf, key: form2.key, qty: "1" }, HX);
    expect(ok.status).toBe(200);
    expect(await balanceOf(m.uid)).toBe(550 + 5 + 100 - 100);

    const audit = await auditFor(m.uid);
    expect(audit.map((a) => [a.actor, a.action, a.before, a.after])).toEqual([
      [OWNER.email, "member.block", { blocked: false }, { blocked: true }],
      [OWNER.email, "member.unblock", { blocked: true }, { blocked: false }],
    ]);
    const log = await (await get("/admin/audit", cookie)).text();
    expect(log).toContain("冻结会员");
  });

  it("needs the CSRF token; an unknown member is a 404", async () => {
    const cookie = await owner();
    const m = await memberLogin(`bk-${tok()}`);
    expect((await post(`${profilePath(m.uid)}/block`, cookie, {})).status).toBe(403);
    const csrf = await pageCsrf(cookie, "/admin/members");
    expect((await post(`${profilePath(`nobody-${tok()}`)}/block`, cookie, { _csrf: csrf })).status).toBe(404);
    const [row] = await db()
      .select()
      .from(members)
      .where(and(eq(members.uid, m.uid), eq(members.blocked, true)));
    expect(row).toBeUndefined();
    expect(await auditFor(m.uid)).toEqual([]);
  });
});
