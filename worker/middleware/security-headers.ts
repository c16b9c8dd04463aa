// Security headers on every response the Worker makes. Pages set their own Content-Security-Policy
// (with the hash of the theme <style>, see worker/render.ts); anything else gets a deny-all policy.
import type { MiddlewareHandler } from "hono";

const DENY_ALL_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "strict-origin-when-cross-origin");
    h.set("X-Frame-Options", "DENY");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    if (!h.has("Content-Security-Policy")) h.set("Content-Security-Policy", DENY_ALL_CSP);
    // The scheme by a prefix test: no URL parse per answer (issue 13).
    if (c.req.url.startsWith("https:")) {
      h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  };
}
