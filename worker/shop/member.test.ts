// Member pages and check-in through the real Worker: autologin session cookie, CSRF, the htmx fragment
// with the balance badge out of band, 我的积分 and its ledger paging.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { signAutologinLink } from "../identity/autologin-sign";
import { loadSettings, walletRules } from "../settings/load-settings";
import { getDb } from "../../db/client";
import { walletFor } from "../wallet/wallet-stub";

const BASE = "http://mall.test";

async function login(uid = `m-${crypto.randomUUID()}`) {
  const res = await SELF.fetch(await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, { uid, nickname: "测试" }), {
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { uid, cookie };
}

function get(path: string, cookie?: string, headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}${path}`, {
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: "manual",
  });
}

async function csrfOf(cookie: string): Promise<string> {
  const html = await (await get("/", cookie)).text();
  const m = /name="_csrf" value="([0-9a-f]+)"/.exec(html);
  expect(m).not.toBeNull();
  return m![1]!;
}

function postCheckin(cookie: string, csrf: string | null, headers: Record<string, string> = {}) {
  const body = new URLSearchParams(csrf === null ? {} : { _csrf: csrf });
  return SELF.fetch(`${BASE}/checkin`, {
    method: "POST",
    body,
    headers: { Cookie: cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded", ...headers },
    redirect: "manual",
  });
}

describe("guests", () => {
  it("see the catalogue with a login link; member-only pages and actions answer with how to log in", async () => {
    const home = await (await get("/")).text();
    expect(home).toContain('href="/login"');
    expect(home).not.toContain("balance-badge");

    const points = await get("/me/points");
    expect(points.status).toBe(200);
    expect(await points.text()).toContain("公众号菜单");

    const checkin = await SELF.fetch(`${BASE}/checkin`, {
      method: "POST",
      headers: { "HX-Request": "true", Origin: BASE },
    });
    expect(checkin.status).toBe(401); // an action, like every member action a guest posts (require-member.test.ts)
    const html = await checkin.text();
    expect(html).not.toContain("<html");
    expect(html).toContain("登录后才能签到和兑换");
  });
});

describe("a member", () => {
  it("arrives with the new-member bonus shown in the header, then checks in once per day", async () => {
    const { cookie } = await login();
    const home = await (await get("/", cookie)).text();
    expect(home).toMatch(/id="balance-badge"[^>]*>.*50 积分/s);
    expect(home).toContain("签到");
    const csrf = await csrfOf(cookie);

    const first = await postCheckin(cookie, csrf, { "HX-Request": "true" });
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).not.toContain("<html");
    expect(html).toContain("签到成功 +5 积分");
    expect(html).toContain("明天签到可得 8 积分");
    expect(html).toMatch(/<a id="balance-badge"[^>]*hx-swap-oob="true"[^>]*>.*55 积分/s);
    expect(html).toMatch(/<form id="checkin-form"[^>]*hx-swap-oob="true"/);
    expect(html).toContain("已签到");

    const again = await postCheckin(cookie, csrf, { "HX-Request": "true" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("今天已经签到过了");
    expect(await (await get("/", cookie)).text()).toMatch(/id="balance-badge"[^>]*>.*55 积分/s);
  });

  it("cannot check in without the CSRF token or from another origin, and nothing is written", async () => {
    const { cookie } = await login();
    const csrf = await csrfOf(cookie);
    expect((await postCheckin(cookie, null)).status).toBe(403);
    expect((await postCheckin(cookie, "0".repeat(40))).status).toBe(403);
    expect((await postCheckin(cookie, csrf, { Origin: "https://evil.example" })).status).toBe(403);
    // another member's token does not work either
    const other = await login();
    expect((await postCheckin(cookie, await csrfOf(other.cookie))).status).toBe(403);
    expect(await (await get("/", cookie)).text()).toMatch(/id="balance-badge"[^>]*>.*50 积分/s);
  });

  it("checks in without JavaScript and gets a whole result page", async () => {
    const { cookie } = await login();
    const res = await postCheckin(cookie, await csrfOf(cookie));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<html");
    expect(html).toContain("签到成功 +5 积分");
  });

  it("sees 我的积分: balance, tier progress, today's check-in on the calendar and the ledger", async () => {
    const { cookie } = await login();
    await postCheckin(cookie, await csrfOf(cookie), { "HX-Request": "true" });
    const res = await get("/me/points", cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-balance="55"');
    expect(html).toContain("普通会员");
    expect(html).toContain("升级为黄金会员");
    expect(html).toMatch(/cal__day--done[^"]*cal__day--today|cal__day--today[^"]*cal__day--done/);
    expect((html.match(/class="ledger__row"/g) ?? []).length).toBe(2);
    expect(html).toContain("+5");
    expect(html).toContain("+50");
  });

  it("lists points expiring within 30 days with their last valid day, and not later ones", async () => {
    const { uid, cookie } = await login();
    const rules = walletRules(await loadSettings(getDb(env.TURSO_DATABASE_URL)));
    const now = Date.now();
    const wallet = walletFor(env, uid);
    await wallet.earn({
      uid,
      ref: "soon",
      reason: "活动奖励",
      source: "purchase",
      points: 70,
      now,
      rules: { ...rules, expiry: { kind: "days", days: 10 } },
    });
    await wallet.earn({
      uid,
      ref: "later",
      reason: "活动奖励",
      source: "purchase",
      points: 30,
      now,
      rules: { ...rules, expiry: { kind: "days", days: 60 } },
    });
    const html = await (await get("/me/points", cookie)).text();
    const lastDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now + 10 * 86_400_000 - 1);
    expect(html).toContain(`70 积分将于 ${lastDay} 到期`);
    expect(html).not.toContain("30 积分将于");
    expect(html).toContain('data-balance="150"');
  });

  it("pages through a long ledger with htmx without gaps or repeats", async () => {
    const { uid, cookie } = await login();
    const rules = walletRules(await loadSettings(getDb(env.TURSO_DATABASE_URL)));
    const wallet = walletFor(env, uid);
    for (let i = 1; i <= 44; i++) {
      const r = await wallet.earn({
        uid,
        ref: `p-${i}`,
        reason: `购物 #${i}`,
        source: "purchase",
        points: i,
        now: Date.now(),
        rules,
      });
      expect(r.ok).toBe(true);
    }
    const page = await (await get("/me/points", cookie)).text();
    const ids = [...page.matchAll(/data-entry="([^"]+)"/g)].map((m) => m[1]!);
    let next = /hx-get="\/me\/points\/ledger\?cursor=(\d+)"/.exec(page)?.[1];
    while (next) {
      const frag = await (await get(`/me/points/ledger?cursor=${next}`, cookie, { "HX-Request": "true" })).text();
      expect(frag).not.toContain("<html");
      ids.push(...[...frag.matchAll(/data-entry="([^"]+)"/g)].map((m) => m[1]!));
      next = /hx-get="\/me\/points\/ledger\?cursor=(\d+)"/.exec(frag)?.[1];
    }
    expect(ids.length).toBe(45); // 44 purchases + the new-member bonus
    expect(new Set(ids).size).toBe(45);
    expect(page).toContain("购物 #44"); // newest first
    expect((await get("/me/points/ledger?cursor=abc", cookie, { "HX-Request": "true" })).status).toBe(400);
  });
});
