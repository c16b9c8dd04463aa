// For the shopper route tests: a member logged in through a signed autologin link (the real session cookie),
// page GETs and form POSTs through the real Worker (SELF.fetch), and points given through the wallet object.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { getDb } from "../../db/client";
import { signAutologinLink } from "../identity/autologin-sign";
import { loadSettings, walletRules } from "../settings/load-settings";
import { walletFor } from "../wallet/wallet-stub";

export const BASE = "http://mall.test";
export const HX = { "HX-Request": "true" };

export type Member = { uid: string; cookie: string };

export async function login(uid = `m-${crypto.randomUUID()}`): Promise<Member> {
  const res = await SELF.fetch(await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, { uid, nickname: "测试" }), {
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { uid, cookie };
}

export function get(path: string, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, {
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: "manual",
  });
}

export function post(
  path: string,
  cookie: string | undefined,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return SELF.fetch(`${BASE}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      Origin: BASE,
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    },
    redirect: "manual",
  });
}

/** The value of a form input (by name) in some HTML. */
export function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return tag ? (/value="([^"]*)"/.exec(tag)?.[1] ?? null) : null;
}

export async function csrfOf(cookie: string): Promise<string> {
  const html = await (await get("/", cookie)).text();
  const csrf = inputValue(html, "_csrf");
  expect(csrf).toMatch(/^[0-9a-f]{40}$/);
  return csrf!;
}

/** The redeem form of an item page: its hidden fields. */
export async function redeemForm(cookie: string, itemId: number): Promise<{ html: string; key: string; csrf: string }> {
  const html = await (await get(`/items/${itemId}`, cookie)).text();
  const form = /<form id="redeem-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
  expect(form, "redeem form").not.toBe("");
  return { html, key: inputValue(form, "key")!, csrf: inputValue(form, "_csrf")! };
}

export async function givePoints(uid: string, points: number): Promise<number> {
  const rules = walletRules(await loadSettings(getDb(env.TURSO_DATABASE_URL)));
  const r = await walletFor(env, uid).earn({
    uid,
    ref: `gift-${crypto.randomUUID()}`,
    reason: "测试赠送",
    source: "purchase",
    points,
    now: Date.now(),
    rules,
  });
  expect(r.ok).toBe(true);
  return r.ok ? r.balance : 0;
}

export async function balanceOf(uid: string): Promise<number> {
  const rules = walletRules(await loadSettings(getDb(env.TURSO_DATABASE_URL)));
  return (await walletFor(env, uid).summary({ uid, now: Date.now(), rules })).balance;
}

/** The order number in a redeem answer. */
export function orderIdIn(html: string): string | null {
  return /data-order-id="([^"]+)"/.exec(html)?.[1] ?? null;
}

export function errorCodeIn(html: string): string | null {
  return /data-error-code="([^"]+)"/.exec(html)?.[1] ?? null;
}

export const db = () => getDb(env.TURSO_DATABASE_URL);
