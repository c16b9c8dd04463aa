// The rate limits (worker/rate-limit/rules.ts) through the real Worker and its rate-limiting bindings: past a
// limit the answer is 429 RATE_LIMITED with Retry-After (the rule's period) and a text that says how long to
// wait, in the caller's format, before anything else runs. The bindings count in fixed windows, so each test
// sends enough requests that a window boundary in the middle cannot hide the limit (n > 2 × limit).
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { t } from "../../views/i18n";
import { signAutologinLink } from "../identity/autologin-sign";
import { BASE, csrfOf, HX, login, post } from "../shop/test-session";

const ip = () => `2001:db8:${crypto.randomUUID().slice(0, 4)}::${Math.floor(Math.random() * 0xffff).toString(16)}`;
const LIMITED = t("error.RATE_LIMITED");

async function burst(n: number, send: (i: number) => Promise<Response>) {
  const out: { status: number; retryAfter: string | null; text: string }[] = [];
  for (let i = 0; i < n; i++) {
    const res = await send(i);
    out.push({ status: res.status, retryAfter: res.headers.get("Retry-After"), text: await res.text() });
  }
  return out;
}

it("redeem: 20 attempts per member per 10 s, then 429 with the wait (htmx fragment)", async () => {
  const m = await login();
  const csrf = await csrfOf(m.cookie);
  const answers = await burst(41, () => post("/items/1/redeem", m.cookie, { _csrf: csrf, key: "not-a-key" }, HX));
  expect(answers.slice(0, 20).every((a) => a.status === 422)).toBe(true);
  const limited = answers.filter((a) => a.status === 429);
  expect(limited.length).toBeGreaterThan(0);
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
  const answers = await burst(241, () => post("/items/1/redeem", undefined, {}, { ...HX, "CF-Connecting-IP": addr }));
  expect(answers.slice(0, 120).every((a) => a.status === 401)).toBe(true);
  expect(answers.some((a) => a.status === 429 && a.retryAfter === "10")).toBe(true);
  const local = await burst(125, () =>
    post("/items/1/redeem", undefined, {}, { ...HX, "CF-Connecting-IP": "127.0.0.1" }),
  );
  expect(local.every((a) => a.status === 401)).toBe(true);
});

it("autologin: 10 valid links per member per minute; made-up links do not count against the member", async () => {
  const uid = `rl-${crypto.randomUUID()}`;
  const forged = await burst(25, async () => {
    const link = new URL(await signAutologinLink(BASE, "not-the-secret", { uid }));
    return SELF.fetch(link, { redirect: "manual", headers: { "CF-Connecting-IP": ip() } });
  });
  expect(forged.every((a) => a.status === 401)).toBe(true);
  const answers = await burst(21, async () =>
    SELF.fetch(await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, { uid }), {
      redirect: "manual",
      headers: { "CF-Connecting-IP": ip() },
    }),
  );
  expect(answers[0]!.status).toBe(302); // the forged links did not use up the member's logins
  const limited = answers.filter((a) => a.status === 429);
  expect(limited.length).toBeGreaterThan(0);
  expect(limited[0]!.retryAfter).toBe("60");
  expect(limited[0]!.text).toContain(LIMITED);
});

it("autologin: 60 per client address per minute", async () => {
  const addr = ip();
  const answers = await burst(121, (i) =>
    SELF.fetch(`${BASE}/autologin?uid=u${i}&sign=00`, { redirect: "manual", headers: { "CF-Connecting-IP": addr } }),
  );
  expect(answers.slice(0, 60).every((a) => a.status === 401)).toBe(true);
  expect(answers.some((a) => a.status === 429 && a.retryAfter === "60" && a.text.includes(LIMITED))).toBe(true);
});

it("console login: 30 posts per client address per minute, beside the lock-out", async () => {
  const addr = ip();
  const answers = await burst(61, (i) =>
    SELF.fetch(`${BASE}/admin/login`, {
      method: "POST",
      body: new URLSearchParams({ email: `x${i}@example.com`, password: "nope" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, "CF-Connecting-IP": addr },
      redirect: "manual",
    }),
  );
  const ours = answers.filter((a) => a.status === 429 && a.text.includes(LIMITED));
  expect(ours.length).toBeGreaterThan(0);
  expect(ours[0]!.retryAfter).toBe("60");
});

it("coupon-code imports: 30 per client address per minute, JSON for the API", async () => {
  const addr = ip();
  const answers = await burst(61, () =>
    SELF.fetch(`${BASE}/api/v1/items/1/codes`, {
      method: "POST",
      body: JSON.stringify({ codes: [] }),
      headers: { "Content-Type": "application/json", Authorization: "Bearer wrong", "CF-Connecting-IP": addr },
    }),
  );
  expect(answers.slice(0, 30).every((a) => a.status === 401)).toBe(true);
  const limited = answers.find((a) => a.status === 429);
  expect(limited?.retryAfter).toBe("60");
  expect(JSON.parse(limited!.text)).toEqual({
    error: { code: "RATE_LIMITED", message: `${LIMITED}: ${t("error.retryAfter", { seconds: 60 })}` },
  });
});
