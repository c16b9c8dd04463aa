// For the redeem-code tests: batches through the real Merchant API, attempts through the member's real page.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, newRef } from "../api/test-client";
import { mallRules } from "../redeem/test-support";
import { HX, post } from "../shop/test-session";
import { walletFor } from "../wallet/wallet-stub";

export async function newBatch(over: Record<string, unknown> = {}): Promise<{ id: string; codes: string[] }> {
  const r = await call("POST", "/api/v1/code-batches", {
    ref: newRef("cb"),
    name: "测试卡",
    points: 30,
    count: 3,
    ...over,
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return { id: r.json.id, codes: r.json.codes };
}

export const balanceOf = async (uid: string) =>
  (await walletFor(env, uid).summary({ uid, now: Date.now(), rules: await mallRules() })).balance;

/** A random address in 2001:db8::/32 (documentation range), so per-address counters start at zero. */
export const testIp = () =>
  `2001:db8:${crypto.randomUUID().slice(0, 4)}::${Math.floor(Math.random() * 0xffff).toString(16)}`;

export async function redeem(
  m: { cookie: string },
  csrf: string,
  code: string,
  o: { htmx?: boolean; ip?: string } = {},
): Promise<{ status: number; text: string; retryAfter: string | null }> {
  const headers: Record<string, string> = {
    ...(o.htmx === false ? {} : HX),
    ...(o.ip ? { "CF-Connecting-IP": o.ip } : {}),
  };
  const res = await post("/codes", m.cookie, { _csrf: csrf, code }, headers);
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get("Retry-After") };
}
