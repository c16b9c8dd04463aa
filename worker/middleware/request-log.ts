// One structured log line per request: method, path, status, duration. Query strings are left out
// (autologin links carry signatures and uids).
import type { MiddlewareHandler } from "hono";

export function requestLog(): MiddlewareHandler<{ Bindings: Env }> {
  return async (c, next) => {
    const started = Date.now();
    await next();
    if (c.env.MALL_ENV === "test") return;
    console.log(
      JSON.stringify({
        at: new Date(started).toISOString(),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Date.now() - started,
        htmx: c.req.header("HX-Request") === "true" || undefined,
      }),
    );
  };
}
