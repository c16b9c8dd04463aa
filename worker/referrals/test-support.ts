// For the referral tests: arrivals through the real Worker — an invite link (or ?inv=), then the signed
// autologin that creates the member, carrying the browser's cookies like a phone would.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { referralRefusals, referrals } from "../../db/schema";
import { signAutologinLink } from "../identity/autologin-sign";
import { SESSION_COOKIE } from "../identity/session";
import { db, mallRules } from "../redeem/test-support";
import { BASE, get, type Member } from "../shop/test-session";
import { walletFor } from "../wallet/wallet-stub";
import { type ReferralSettings, saveReferralSettings } from "./settings";

export const programme = (over: Partial<ReferralSettings> = {}) =>
  saveReferralSettings(
    db(),
    {
      enabled: true,
      inviterPoints: 20,
      inviteePoints: 10,
      qualify: "signup",
      inviterDailyCap: null,
      inviterTotalCap: null,
      ...over,
    },
    "test",
    Date.now(),
  );

const cookieOf = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith(`${name}=`));

/** Opens `path` as a guest: the invite cookie it sets ("" when none). */
export async function openAsGuest(path: string): Promise<string> {
  const res = await get(path);
  return cookieOf(res, "mall_inv") ?? "";
}

/** The autologin of `uid` with the browser's cookies; the member's session. */
export async function loginWith(uid: string, cookie: string, redirect = "/"): Promise<Member> {
  const link = await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, { uid, nickname: "小明同学", redirect });
  const res = await SELF.fetch(link, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
  expect(res.status).toBe(302);
  const session = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return { uid, cookie: session!.split(";")[0]! };
}

/** A friend arriving through `code`'s link and signing in for the first time. */
export async function arrive(code: string, uid = `f-${crypto.randomUUID()}`): Promise<Member> {
  const cookie = await openAsGuest(`/i/${code}`);
  expect(cookie).toMatch(/^mall_inv=/);
  return loginWith(uid, cookie);
}

export async function inviteCodeOf(m: Member): Promise<string> {
  const html = await (await get("/invite", m.cookie)).text();
  const code = /data-invite-code[^>]*>([A-Z0-9]{8})</.exec(html)?.[1];
  expect(code).toBeTruthy();
  return code!;
}

export const referralOf = async (invitee: string) =>
  (await db().select().from(referrals).where(eq(referrals.invitee, invitee)))[0];

export const refusalsOf = async (uid: string) =>
  (await db().select().from(referralRefusals).where(eq(referralRefusals.uid, uid))).map((r) => r.reason);

export const balanceOf = async (uid: string) =>
  (await walletFor(env, uid).summary({ uid, now: Date.now(), rules: await mallRules() })).balance;

export const entriesOf = async (uid: string, refPrefix: string) =>
  (await walletFor(env, uid).ledger({ limit: 100 })).entries.filter((e) => e.ref.startsWith(refPrefix));
