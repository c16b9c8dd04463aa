// Applies the rate limits (rules.ts): a caller over one gets 429 RATE_LIMITED with Retry-After (the rule's
// period, an upper bound of the wait) and the catalogue's text with the seconds to wait, in the caller's format
// (JSON, htmx fragment or page), before anything is read or written.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { RetryLater } from "../security/retry-later";
import { addressRulesOf, RATE_RULES, type RateRule } from "./rules";

/** Throws RATE_LIMITED when `key` is over `rule`'s limit; counts this request otherwise. */
export async function limitBy(env: Env, rule: RateRule, key: string): Promise<void> {
  const { binding, periodS } = RATE_RULES[rule];
  const { success } = await (env[binding] as RateLimit).limit({ key: `${rule}:${key}` });
  if (!success) throw new RetryLater("RATE_LIMITED", periodS);
}

/** The client's address as Cloudflare saw it, or null for a request without one or from this machine's
 *  loopback (only local runs — `npm start`, the tests, the benchmarks — send those: never a request that came
 *  through Cloudflare, which always sets the connecting address). */
export function clientAddress(req: Request): string | null {
  const ip = (req.headers.get("CF-Connecting-IP") ?? "").trim().toLowerCase();
  if (!/^[0-9a-f:.]{2,45}$/.test(ip)) return null;
  if (ip === "::1" || ip.startsWith("127.") || ip === "::ffff:127.0.0.1") return null;
  return ip;
}

/** Per-address limits by route, and the per-member limit on redeem (after the session is read). */
export function rateLimits(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const rules = addressRulesOf(c.req.method, c.req.path);
    if (rules.length > 0 && !c.var.rateCounted) {
      const ip = clientAddress(c.req.raw);
      if (ip) for (const rule of rules) await limitBy(c.env, rule, ip);
      const uid = c.var.session?.uid;
      if (rules.includes("REDEEM_IP") && uid) await limitBy(c.env, "REDEEM_MEMBER", uid);
    }
    await next();
  };
}
