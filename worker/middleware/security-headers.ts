// Security headers on every response the Worker makes. Pages set their own Content-Security-Policy
// (with the hash of the theme <style>, see worker/render.ts); anything else gets a deny-all policy.
import type { MiddlewareHandler } from "hono";

const DENY_ALL_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/** The headers every answer gets (also set by the sold-out refusal answered before the middleware chain,
 *  worker/shop/redeem-sold-out.tsx). `url`: the request's, for HSTS on https. */
export function setSecurityHeaders(h: Headers, url: string): void {
  h.set("X-Content-Type-Options", "nosniff");
  h.set("Referrer-Policy", "strict-origin-when-cross-origin");
  h.set("X-Frame-Options", "DENY");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", DENY_ALL_CSP);
  if (url.startsWith("https:")) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    setSecurityHeaders(c.res.headers, c.req.url);
  };
}
