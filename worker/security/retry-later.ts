// "Not now, try again": the answers of a request the mall could not serve at this moment, as opposed to one it
// refused. Both carry Retry-After (seconds) and a user text that says to retry (worker/errors.ts):
//   RATE_LIMITED (429)         a caller over a rate limit (worker/rate-limit/)
//   SERVICE_UNAVAILABLE (503)  Turso unreachable, or a Durable Object call that workerd marks retryable (an
//                              object restarting) — issue 13's faults. Nothing was decided: every write a
//                              request makes is one Turso batch or one object step, each all or nothing, and
//                              a redemption cut short is settled by the protocol (docs/architecture.md §3).
import { t } from "../../views/i18n";
import { AppError } from "../errors";

export class RetryLater extends AppError {
  readonly retryAfter: number;
  constructor(code: "RATE_LIMITED" | "SERVICE_UNAVAILABLE", retryAfter: number) {
    super(code, code === "RATE_LIMITED" ? t("error.retryAfter", { seconds: retryAfter }) : undefined);
    this.retryAfter = retryAfter;
  }
}

/** Seconds a client is asked to wait after a 503. */
export const UNAVAILABLE_RETRY_AFTER = 5;

/** Messages of transport failures: workerd's fetch ("Network connection lost.", "connect ECONNREFUSED"…),
 *  Node's, and a server's own 50x while it shuts down (a text body: "Server returned HTTP status 503"; the
 *  local libSQL server's JSON one: "The server is shutting down"). */
const TRANSPORT =
  /network connection lost|connection refused|econnrefused|econnreset|epipe|socket hang up|fetch failed|disconnected|connection (was )?(reset|closed)|server returned http status 50[234]|server is shutting down|database is locked|sqlite_busy/i;

/** libSQL client error codes that mean "the database did not answer", not "the statement failed". A JSON error
 *  body's own code is passed on as the client error's code, whatever the HTTP status was: the local libSQL
 *  server's 503 while it stops (db/server/busy-wait.ts) arrives as SERVER_SHUTTING_DOWN — a bare 500 to the
 *  shopper until this knew it. */
const TRANSPORT_CODES = new Set([
  "SERVER_ERROR",
  "SERVER_SHUTTING_DOWN",
  "HRANA_CLOSED_ERROR",
  "HRANA_WEBSOCKET_ERROR",
  "SQLITE_BUSY",
]);

/** Whether an unexpected error is the database (or an object) being unreachable for a moment: walks the
 *  cause chain, since drizzle wraps the libSQL client's errors ("Failed query: …", cause). */
export function isUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e != null; depth++) {
    if (typeof e === "object") {
      const o = e as { retryable?: unknown; overloaded?: unknown; code?: unknown; message?: unknown; cause?: unknown };
      if (o.retryable === true || o.overloaded === true) return true; // workerd's Durable Object errors
      if (typeof o.code === "string" && TRANSPORT_CODES.has(o.code)) return true;
      if (typeof o.message === "string" && TRANSPORT.test(o.message)) return true;
      e = o.cause;
    } else {
      return typeof e === "string" && TRANSPORT.test(e);
    }
  }
  return false;
}

/** The error answer with its Retry-After, when it is one to retry. */
export function withRetryAfter(res: Response, err: AppError): Response {
  if (err instanceof RetryLater) res.headers.set("Retry-After", String(err.retryAfter));
  return res;
}
