// GET /duiba/autologin (and Duiba's own path /autoLogin/autologin): Duiba's 免登录 link, as a merchant's server
// builds it with CreditTool.buildAutoLoginRequest — uid, credits, appKey, timestamp, redirect?, sign (MD5 with
// the appSecret, protocol.ts). Only in Duiba mode. Valid 5 minutes either side of its timestamp, each link once
// (its sign is used up as the nonce in the same batch that creates the member, worker/identity/login-member.ts);
// a wrong sign, another appKey, an old link or a replay is 401 and nothing is written but the log row. On
// success the member is signed in and their displayed balance becomes the link's credits.
import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { isSameOriginPath, redirectTarget } from "../identity/autologin";
import { loginMember } from "../identity/login-member";
import { startSession } from "../identity/session";
import { UID_PATTERN } from "../identity/uid";
import { limitBy } from "../rate-limit/rate-limit";
import { loadSettings, walletRules } from "../settings/load-settings";
import { walletFor } from "../wallet/wallet-stub";
import { duibaFor } from "./account-stub";
import { logAutologin } from "./call-log";
import { verifyAutologin } from "./protocol";
import { loadDuibaConfig } from "./settings";

/** Duiba's redirect is often a whole URL of a Duiba page: only its path (and query) is kept, so the member
 *  always lands on this mall. */
function landing(redirect: string | undefined): string {
  if (!redirect) return "/";
  if (isSameOriginPath(redirect)) return redirectTarget(redirect);
  try {
    const u = new URL(redirect);
    const path = `${u.pathname}${u.search}`;
    if ((u.protocol === "https:" || u.protocol === "http:") && isSameOriginPath(path)) return redirectTarget(path);
  } catch {
    // not a URL: the home page
  }
  return "/";
}

async function handle(c: Context<AppEnv>) {
  const now = Date.now();
  const config = await loadDuibaConfig(c.env, c.var.db);
  if (!config) throw new AppError("DUIBA_MODE_OFF");
  const query = c.req.query();
  const request = new URL(c.req.url).search.slice(1);
  const check = await verifyAutologin(query, config.appKey, config.appSecret, now);
  const refused = !check.ok ? check.code : !UID_PATTERN.test(check.uid) ? "DUIBA_BAD_PARAMS" : null;
  if (refused || !check.ok) {
    await logAutologin(c.var.db, { uid: query.uid ?? "", request, answer: refused ?? "", ok: false, now });
    throw new AppError(refused ?? "DUIBA_BAD_PARAMS");
  }
  const { uid, credits, timestamp } = check;
  await limitBy(c.env, "AUTOLOGIN_MEMBER", uid);
  if ((await loginMember(c.var.db, { uid, nonce: `duiba:${query.sign!.toLowerCase()}` }, now)) === "replayed") {
    await logAutologin(c.var.db, { uid, request, answer: "DUIBA_REPLAYED", ok: false, now });
    throw new AppError("DUIBA_REPLAYED");
  }
  const rules = walletRules(await loadSettings(c.var.db));
  // duiba: the wallet queues this member's earnings as 加积分 from now on (worker/wallet/duiba-forward.ts).
  await walletFor(c.env, uid).ensureMember({ uid, now, rules, duiba: true });
  // The merchant's credits as of the link's timestamp (a later 扣积分 answer is newer and wins).
  await duibaFor(c.env, uid).setCredits({ uid, credits, at: timestamp });
  await logAutologin(c.var.db, { uid, request, answer: "ok", ok: true, now });
  await startSession(c, uid);
  c.header("Cache-Control", "no-store");
  return c.redirect(landing(check.redirect), 302);
}

export const duibaAutologin = new Hono<AppEnv>().get("/duiba/autologin", handle).get("/autoLogin/autologin", handle);
