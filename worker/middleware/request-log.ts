// One structured log line per request that went wrong, and a sample of the others: method, path, status,
// duration. Query strings are left out (autologin links carry signatures and uids).
// Cheap by design (issue 13: the line was 11–30% of a cached page's CPU): the time is Date.now()'s number
// (`t`, epoch ms) rather than an ISO string, the line is built by hand, and a successful answer (< 400) that
// took under SLOW_MS is logged once in SAMPLE_EVERY requests on average, the line saying so (`sample`: each
// sampled line stands for that many). Every 4xx/5xx and every slow answer is logged, always.
import type { MiddlewareHandler } from "hono";

/** A successful, quick answer is logged with probability 1 / SAMPLE_EVERY. */
export const SAMPLE_EVERY = 32;
/** An answer that took at least this long is always logged. */
export const SLOW_MS = 1000;

export type RequestLogOptions = { sampleEvery?: number; random?: () => number; log?: (line: string) => void };

/** The sampled line for an answer made before the middleware chain (the sold-out refusal at the edge,
 *  worker/shop/redeem-sold-out.tsx): a routine refusal is sampled like a quick success (1 in SAMPLE_EVERY,
 *  the line saying so) — under a flash sale it is most of the traffic, and each is the same SOLD_OUT. */
export function logRoutineAnswer(
  env: { MALL_ENV?: string },
  req: Request,
  path: string,
  status: number,
  started: number,
  opts: RequestLogOptions = {},
): void {
  if (env.MALL_ENV === "test") return;
  const every = opts.sampleEvery ?? SAMPLE_EVERY;
  const ms = Date.now() - started;
  const slow = ms >= SLOW_MS;
  if (!slow && every > 1 && (opts.random ?? Math.random)() * every >= 1) return;
  const htmx = req.headers.get("HX-Request") === "true" ? ',"htmx":true' : "";
  const sample = slow || every <= 1 ? "" : `,"sample":${every}`;
  const line = `{"t":${started},"method":${JSON.stringify(req.method)},"path":${JSON.stringify(path)},"status":${status},"ms":${ms}${htmx}${sample},"routine":true}`;
  (opts.log ?? console.log)(line);
}

export function requestLog<E extends { Bindings: { MALL_ENV?: string } }>(
  opts: RequestLogOptions = {},
): MiddlewareHandler<E> {
  const every = opts.sampleEvery ?? SAMPLE_EVERY;
  const random = opts.random ?? Math.random;
  return async (c, next) => {
    const started = Date.now();
    await next();
    if (c.env.MALL_ENV === "test") return;
    const status = c.res.status;
    const ms = Date.now() - started;
    const always = status >= 400 || ms >= SLOW_MS;
    if (!always && every > 1 && random() * every >= 1) return;
    const htmx = c.req.header("HX-Request") === "true" ? ',"htmx":true' : "";
    const sample = always || every <= 1 ? "" : `,"sample":${every}`;
    // JSON.stringify only for the two strings a client chose (method and path); the rest are numbers.
    const line = `{"t":${started},"method":${JSON.stringify(c.req.method)},"path":${JSON.stringify(c.req.path)},"status":${status},"ms":${ms}${htmx}${sample}}`;
    (opts.log ?? console.log)(line);
  };
}
