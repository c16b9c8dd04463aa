// Bearer-token auth of the Merchant API. A token is valid if it is the bootstrap MERCHANT_API_TOKEN or the
// token of a non-revoked api_keys row (stored as the SHA-256 hex of the token). Both comparisons are of
// SHA-256 digests in constant time; api_keys is only read when the bootstrap token does not match. The caller
// (`api:bootstrap`, or `api:<name>` of the key) is set as c.var.apiCaller: the actor of the API's audit rows.
import { and, eq, isNull } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { Db } from "../../db/client";
import { apiKeys } from "../../db/schema";
import type { AppEnv } from "../app-env";
import { errorResponse } from "../error-response";
import { AppError } from "../errors";
import { t } from "../../views/i18n";

/** last_used_at is bumped at most this often per key. */
const LAST_USED_GRANULARITY_MS = 60_000;

export function apiAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header("Authorization"));
    const caller = token === null ? null : await apiCallerOf(c.var.db, c.env.MERCHANT_API_TOKEN, token, Date.now());
    if (caller === null) {
      const res = await errorResponse(
        c,
        new AppError("UNAUTHORIZED", token === null ? t("api.auth.missing") : t("api.auth.invalid")),
      );
      res.headers.set(
        "WWW-Authenticate",
        token === null ? 'Bearer realm="merchant-api"' : 'Bearer realm="merchant-api", error="invalid_token"',
      );
      return res;
    }
    c.set("apiCaller", caller);
    await next();
  };
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer[ ]+([\x21-\x7e]{1,512})\s*$/i.exec(header ?? "");
  return m ? m[1]! : null;
}

/** The audit actor of a valid token (`api:bootstrap` or `api:<key name>`), or null for an invalid one. */
export async function apiCallerOf(
  db: Db,
  bootstrapToken: string | undefined,
  token: string,
  now: number,
): Promise<string | null> {
  const digest = await sha256(token);
  if (bootstrapToken && timingSafeEqual(digest, await sha256(bootstrapToken))) return "api:bootstrap";
  const hash = toHex(digest);
  const [key] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, tokenHash: apiKeys.tokenHash, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.tokenHash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!key || !timingSafeEqual(new TextEncoder().encode(key.tokenHash), new TextEncoder().encode(hash))) return null;
  if (key.lastUsedAt === null || now - key.lastUsedAt >= LAST_USED_GRANULARITY_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
  }
  return `api:${key.name}`;
}

/** SHA-256 hex of a token, as api_keys.token_hash stores it. */
export async function tokenHash(token: string): Promise<string> {
  return toHex(await sha256(token));
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** Constant time in the length (both sides are SHA-256 digests, so equal lengths). */
function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  let diff = 0;
  for (let i = 0; i < a.byteLength; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
