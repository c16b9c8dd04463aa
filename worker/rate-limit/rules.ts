// The rate limits (issue 13): Workers rate-limiting bindings ([[ratelimits]] in wrangler.toml: a fixed limit
// per period of 10 or 60 s, counted per key at the edge location; miniflare counts them in memory). Each rule
// names its binding and its period (the same as wrangler.toml's, for Retry-After). Limits in wrangler.toml:
//
//   LOGIN_IP          POST /admin/login              per client address   30 / 60 s  (beside the lock-out)
//   AUTOLOGIN_IP      GET /autologin, GET /duiba/autologin (and /autoLogin/autologin), GET /wechat/login and /wechat/callback (a member signing in)
//                                                    per client address   60 / 60 s
//   AUTOLOGIN_MEMBER  GET /autologin (signed, valid) per uid              10 / 60 s
//   REDEEM_IP         POST /items/{id}/redeem        per client address  120 / 10 s  (a campus behind one NAT)
//   REDEEM_MEMBER     POST /items/{id}/redeem        per member           20 / 10 s  (double taps are fine)
//   CODES_IP          POST …/items/{id}/codes        per client address   30 / 60 s  (API and console imports)
//   CODE_REDEEM_IP    POST /codes (兑换码)            per client address   60 / 60 s  (every attempt; wrong guesses
//                                                    are also slowed per member and address, worker/codes/guesses.ts)
export type RateRule =
  | "LOGIN_IP"
  | "AUTOLOGIN_IP"
  | "AUTOLOGIN_MEMBER"
  | "REDEEM_IP"
  | "REDEEM_MEMBER"
  | "CODES_IP"
  | "CODE_REDEEM_IP";

export const RATE_RULES: Record<RateRule, { binding: keyof Env & `RL_${string}`; periodS: 10 | 60 }> = {
  LOGIN_IP: { binding: "RL_LOGIN_IP", periodS: 60 },
  AUTOLOGIN_IP: { binding: "RL_AUTOLOGIN_IP", periodS: 60 },
  AUTOLOGIN_MEMBER: { binding: "RL_AUTOLOGIN_MEMBER", periodS: 60 },
  REDEEM_IP: { binding: "RL_REDEEM_IP", periodS: 10 },
  REDEEM_MEMBER: { binding: "RL_REDEEM_MEMBER", periodS: 10 },
  CODES_IP: { binding: "RL_CODES_IP", periodS: 60 },
  CODE_REDEEM_IP: { binding: "RL_CODE_REDEEM_IP", periodS: 60 },
};

/** Which per-address rules a request falls under (method and path; the member rules are applied where the
 *  member is known: the session for redeem, the verified link for autologin). */
export function addressRulesOf(method: string, path: string): RateRule[] {
  if (method === "POST" && path === "/admin/login") return ["LOGIN_IP"];
  if (method === "GET" && (path === "/autologin" || path === "/wechat/login" || path === "/wechat/callback"))
    return ["AUTOLOGIN_IP"];
  // 兑吧兼容: Duiba's autologin link, at the mall's path and at Duiba's own (a merchant swaps only the host)
  if (method === "GET" && (path === "/duiba/autologin" || path === "/autoLogin/autologin")) return ["AUTOLOGIN_IP"];
  if (method === "POST" && /^\/items\/[^/]+\/redeem$/.test(path)) return ["REDEEM_IP"];
  if (method === "POST" && /^\/(api\/v1|admin)\/items\/[^/]+\/codes$/.test(path)) return ["CODES_IP"];
  if (method === "POST" && path === "/codes") return ["CODE_REDEEM_IP"];
  return [];
}
