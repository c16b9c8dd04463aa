// One ref, one answer, for every Merchant API mutation (docs/architecture.md §4.2). `refOnce()` runs after the
// body is validated: the request's ref claims the row (scope = method + path, ref) in Turso's api_idempotency
// with one INSERT … ON CONFLICT DO NOTHING, so of two concurrent calls exactly one runs the handler.
//   - a success (2xx) stores its status and JSON answer: the same ref with the same body is answered with it
//     from then on (header Idempotent-Replayed: true), and nothing runs or is written again;
//   - the same ref with another body is REF_REUSED (422), whatever the first call did;
//   - a call that finds the first still running waits for it (up to WAIT_MS) and answers its result, else
//     REF_IN_PROGRESS (409, retry later);
//   - a refusal (4xx) or a failure deletes the claim: nothing was done, so the ref is free to be sent again;
//   - a claim left running for STALE_MS (a Worker that died mid-request) is taken over by the same body.
// The objects' own refs (wallet, stock) stay what makes each of their operations exactly-once; this is the
// answer-level guarantee in front of every mutation, including those that have no object behind them.
import { and, eq, isNull, lt } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import type { Db } from "../../db/client";
import { apiIdempotency } from "../../db/schema";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { t } from "../../views/i18n";

export const WAIT_MS = 5_000;
export const STALE_MS = 60_000;
const POLL_MS = 50;
export const REPLAYED_HEADER = "Idempotent-Replayed";

/** JSON with object keys sorted at every level: equal bodies give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What "the same body" means: the SHA-256 (hex) of the validated body's canonical JSON. */
export async function fingerprintOf(body: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalJson(body)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

type Claim =
  | { kind: "claimed" }
  | { kind: "replay"; status: number; response: string }
  | { kind: "reused" }
  | { kind: "busy" };

type Key = { scope: string; ref: string };

const where = (k: Key) => and(eq(apiIdempotency.scope, k.scope), eq(apiIdempotency.ref, k.ref));

async function claim(db: Db, k: Key, fingerprint: string): Promise<Claim> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const now = Date.now();
    const inserted = await db
      .insert(apiIdempotency)
      .values({ ...k, fingerprint, claimedAt: now })
      .onConflictDoNothing()
      .returning({ ref: apiIdempotency.ref });
    if (inserted.length > 0) return { kind: "claimed" };
    const [row] = await db.select().from(apiIdempotency).where(where(k)).limit(1);
    if (!row) continue; // the first call was refused and let the ref go: claim it now
    if (row.fingerprint !== fingerprint) return { kind: "reused" };
    if (row.status !== null && row.response !== null)
      return { kind: "replay", status: row.status, response: row.response };
    if (row.claimedAt < now - STALE_MS) {
      const taken = await db
        .update(apiIdempotency)
        .set({ claimedAt: now })
        .where(and(where(k), isNull(apiIdempotency.status), lt(apiIdempotency.claimedAt, now - STALE_MS)))
        .returning({ ref: apiIdempotency.ref });
      if (taken.length > 0) return { kind: "claimed" };
      continue;
    }
    if (now >= deadline) return { kind: "busy" };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Middleware for a mutation whose validated JSON body has a `ref` (put it after jsonBody). A body without a
 * ref (where the ref is optional) passes straight through.
 */
export function refOnce() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const body = c.req.valid("json" as never) as Record<string, unknown> | undefined;
    const ref = body?.ref;
    if (typeof ref !== "string") return next();
    const db = c.var.db;
    const key: Key = { scope: `${c.req.method} ${new URL(c.req.url).pathname}`, ref };
    const fingerprint = await fingerprintOf(body);
    const found = await claim(db, key, fingerprint);
    if (found.kind === "reused") throw new AppError("REF_REUSED", t("api.ref.reused", { ref }));
    if (found.kind === "busy") throw new AppError("REF_IN_PROGRESS", t("api.ref.inProgress", { ref }));
    if (found.kind === "replay") {
      return new Response(found.response, {
        status: found.status,
        headers: { "Content-Type": "application/json", [REPLAYED_HEADER]: "true" },
      });
    }
    let done = false;
    try {
      await next();
      if (c.res.status >= 200 && c.res.status < 300) {
        const response = await c.res.clone().text();
        await db
          .update(apiIdempotency)
          .set({ status: c.res.status, response, completedAt: Date.now() })
          .where(where(key));
        done = true;
      }
    } finally {
      // refused, failed or thrown: nothing to answer again, so the ref is free
      if (!done) await db.delete(apiIdempotency).where(and(where(key), isNull(apiIdempotency.status)));
    }
  });
}
