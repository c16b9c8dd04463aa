// Verifying an autologin link (docs/architecture.md §4.1). Pure checks here; the nonce's single use is enforced by the
// database insert in the route (a unique key), in the same batch that creates the member.
import { z } from "zod";
import { text } from "../text-rule";
import { AUTOLOGIN_WINDOW_MS, canonicalString } from "./autologin-sign";
import { hmacVerifyHex } from "./hmac";
import { UID_PATTERN } from "./uid";

export const AutologinQuery = z.object({
  uid: z.string().regex(UID_PATTERN),
  timestamp: z.string().regex(/^[0-9]{10,14}$/),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  redirect: z.string().max(512).optional(),
  // The mall's text rule (a NUL or a bidi override is refused); blank is no nickname.
  nickname: text({ max: 32, min: 0 })
    .optional()
    .transform((n) => (n ? n : undefined)),
  avatar: text({ max: 512, min: 0 }).optional(),
  sign: z.string(),
});

export type AutologinFailure = "AUTOLOGIN_INVALID" | "AUTOLOGIN_EXPIRED" | "AUTOLOGIN_BAD_REDIRECT";

/** A same-origin path: starts with one "/", no scheme, no "//" or "/\" (protocol-relative) trick, and no
 *  control character anywhere (URL parsing would silently drop a CR, LF or tab that a Location header cannot
 *  carry, so the path the member lands on would not be the one that was signed). */
export function isSameOriginPath(path: string): boolean {
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return false;
  if (/[\p{Cc}\u2028\u2029]/u.test(path)) return false;
  try {
    const url = new URL(path, "https://mall.invalid");
    return url.origin === "https://mall.invalid";
  } catch {
    return false;
  }
}

/** `secrets`: every secret valid at `now` (after a rotation, the current one and those still in their grace). */
export async function verifyAutologin(
  params: Record<string, string>,
  secrets: string | string[],
  now: number,
): Promise<{ ok: true; query: z.infer<typeof AutologinQuery> } | { ok: false; code: AutologinFailure }> {
  const parsed = AutologinQuery.safeParse(params);
  if (!parsed.success) return { ok: false, code: "AUTOLOGIN_INVALID" };
  if (
    !(await signedByAny(typeof secrets === "string" ? [secrets] : secrets, canonicalString(params), parsed.data.sign))
  ) {
    return { ok: false, code: "AUTOLOGIN_INVALID" };
  }
  if (Math.abs(now - Number(parsed.data.timestamp)) > AUTOLOGIN_WINDOW_MS)
    return { ok: false, code: "AUTOLOGIN_EXPIRED" };
  if (parsed.data.redirect !== undefined && !isSameOriginPath(parsed.data.redirect))
    return { ok: false, code: "AUTOLOGIN_BAD_REDIRECT" };
  return { ok: true, query: parsed.data };
}

/** The Location for a verified same-origin path: as the URL standard serialises it (non-ASCII and spaces
 *  percent-encoded, so the header can always carry it). */
export function redirectTarget(path: string): string {
  const url = new URL(path, "https://mall.invalid");
  return `${url.pathname}${url.search}${url.hash}`;
}

async function signedByAny(secrets: string[], canonical: string, sign: string): Promise<boolean> {
  for (const secret of secrets) if (await hmacVerifyHex(secret, canonical, sign)) return true;
  return false;
}
