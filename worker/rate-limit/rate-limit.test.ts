// The rate limits (worker/rate-limit/rules.ts) through the real Worker and its rate-limiting bindings: past a
// limit the answer is 429 RATE_LIMITED with Retry-After (the rule's period) and a text that says how long to
// wait, in the caller's format, before anything else runs. The bindings count in fixed windows: each burst
// starts early in a fresh window and sends a few more requests than the limit.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it, vi } from "vitest";
import { t } from "../../views/i18n";
import { signAutologinLink } from "../identity/autologin-sign";
import { BASE, csrfOf, HX, login, post } from "../shop/test-session";

vi.setConfig({ testTimeout: 90_000 }); // a burst may first wait for a fresh window

const ip = () => `2001:db8:${crypto.randomUUID().slice(0, 4)}::${Math.floor(Math.random() * 0xffff).toString(16)}`;
const LIMITED = t("error.RATE_LIMITED");

/** Waits, if need be, for the start of a fresh fixed window (miniflare's windows are aligned to the epoch), so a
 *  burst of `limit + k` requests cannot straddle two windows. */
async function freshWindow(periodS: number, needS: number) {
  const left = periodS * 1000 - (Date.now() % (periodS * 1000));
  if (left < needS * 1000) await new Promise((r) => setTimeout(r, left + 50));
}

/** `n` requests, 10 at a time, inside one window of `periodS`. */
async function burst(n: number, send: (i: number) => Promise<Response>, periodS = 60) {
  await freshWindow(periodS, periodS === 10 ? 8 : 20);
  const out: { status: number; retryAfter: string | null; text: string }[] = [];
  for (let i = 0; i < n; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, n - i) }, async (_, j) => {
        const res = await send(i + j);
        return { status: res.status, retryAfter: res.headers.get("Retry-After"), text: await res.text() };
      }),
    );
    out.push(...batch);
  }
  return out;
}

it("redeem: 20 attempts per member per 10 s, then 429 with the wait (htmx fragment)", async () => {
  const m = await login();
  const csrf = await csrfOf(m.cookie);
  const answers = await burst(25, () => post("/items/1/redeem", m.cookie, { _csrf: csrf, key: "not-a-key" }, HX), 10);
  expect(answers.filter((a) => a.status === 422).length).toBe(20);
  const limited = answers.filter((a) => a.status === 429);
  expect(limited.length).toBe(5);
  expect(limited[0]!.retryAfter).toBe("10");
  expect(limited[0]!.text).toContain('data-error-code="RATE_LIMITED"');
  expect(limited[0]!.text).toContain(LIMITED);
  expect(limited[0]!.text).toContain(t("error.retryAfter", { seconds: 10 }));
  // another member is not held back by this one
  const other = await login();
  const res = await post("/items/1/redeem", other.cookie, { _csrf: await csrfOf(other.cookie), key: "x" }, HX);
  expect(res.status).toBe(422);
});

it("redeem: 120 per client address per 10 s; loopback (local runs only) is not limited", async () => {
  const addr = ip();
  const answers = await burst(
    125,
    () => post("/items/1/redeem", undefined, {}, { ...HX, "CF-Connecting-IP": addr }),
    10,
  );
  expect(answers.filter((a) => a.status === 401).length).toBe(120);
  expect(answers.filter((a) => a.status === 429 && a.retryAfter === "10").length).toBe(5);
  const local = await burst(
    125,
    () => post("/items/1/redeem", undefined, {}, { ...HX, "CF-Connecting-IP": "127.0.0.1" }),
    10,
  );
  expect(local.every((a) => a.status === 401)).toBe(true);
});

it("autologin: 10 valid links per member per minute; made-up links do not count against the member", async () => {
  const uid = `rl-${crypto.randomUUID()}`;
  const forged = await burst(15, async () => {
    const link = new URL(await signAutologinLink(BASE, "not-the-secret", { uid }));
    return SELF.fetch(link, { redirect: "manual", headers: { "CF-Connecting-IP": ip() } });
  });
  expect(forged.every((a) => a.status === 401)).toBe(true);
  const answers = await burst(13, async () =>
    SELF.fetch(await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, { uid }), {
      redirect: "manual",
      headers: { "CF-Connecting-IP": ip() },
    }),
  );
  // the forged links did not use up the member's logins: 10 sign in, 3 are told to wait
  expect(answers.filter((a) => a.status === 302).length).toBe(10);
  const limited = answers.filter((a) => a.status === 429);
  expect(limited.length).toBe(3);
  expect(limited[0]!.retryAfter).toBe("60");
  expect(limited[0]!.text).toContain(LIMITED);
});

it("autologin: 60 per client address per minute", async () => {
  const addr = ip();
  const answers = await burst(65, (i) =>
    SELF.fetch(`${BASE}/autologin?uid=u${i}&sign=00`, { redirect: "manual", headers: { "CF-Connecting-IP": addr } }),
  );
  expect(answers.filter((a) => a.status === 401).length).toBe(60);
  expect(answers.filter((a) => a.status === 429 && a.retryAfter === "60" && a.text.includes(LIMITED)).length).toBe(5);
});

it("WeChat login shares the sign-in limit per client address", async () => {
  const addr = ip();
  const answers = await burst(65, (i) =>
    SELF.fetch(`${BASE}${i % 2 ? "/wechat/login" : "/wechat/callback?code=x&state=y"}`, {
      redirect: "manual",
      headers: { "CF-Connecting-IP": addr },
    }),
  );
  expect(answers.filter((a) => a.status !== 429).length).toBe(60);
  expect(answers.filter((a) => a.status === 429 && a.retryAfter === "60" && a.text.includes(LIMITED)).length).toBe(5);
});

it("console login: 30 posts per client address per minute, beside the lock-out", async () => {
  const addr = ip();
  const answers = await burst(35, (i) =>
    SELF.fetch(`${BASE}/admin/login`, {
      method: "POST",
      body: new URLSearchParams({ email: `x${i}@example.com`, password: "nope" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, "CF-Connecting-IP": addr },
      redirect: "manual",
    }),
  );
  const ours = answers.filter((a) => a.status === 429 && a.text.includes(LIMITED));
  expect(ours.length).toBe(5);
  expect(ours[0]!.retryAfter).toBe("60");
});

it("coupon-code imports: 30 per client address per minute, JSON for the API", async () => {
  const addr = ip();
  const answers = await burst(35, () =>
    SELF.fetch(`${BASE}/api/v1/items/1/codes`, {
      method: "POST",
      body: JSON.stringify({ codes: [] }),
      headers: { "Content-Type": "application/json", Authorization: "Bearer wrong", "CF-Connecting-IP": addr },
    }),
  );
  expect(answers.filter((a) => a.status === 401).length).toBe(30);
  const limited = answers.find((a) => a.status === 429);
  expect(limited?.retryAfter).toBe("60");
  expect(JSON.parse(limited!.text)).toEqual({
    error: { code: "RATE_LIMITED", message: `${LIMITED}: ${t("error.retryAfter", { seconds: 60 })}` },
  });
});
