// The autologin link contract (docs/architecture.md §4.1), shared by the Worker (verify) and `npm run autologin` (sign):
//   canonical = every parameter except sign, sorted by key, as key=value joined with &, values raw UTF-8
//   sign      = lowercase hex HMAC-SHA256(AUTOLOGIN_SECRET, canonical)
import { hmacHex } from "./hmac";

export const AUTOLOGIN_WINDOW_MS = 5 * 60_000;

export function canonicalString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== "sign")
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join("&");
}

export type AutologinLinkInput = {
  uid: string;
  redirect?: string;
  nickname?: string;
  avatar?: string;
  now?: number;
  nonce?: string;
};

export async function signAutologinLink(baseUrl: string, secret: string, input: AutologinLinkInput): Promise<string> {
  const params: Record<string, string> = {
    uid: input.uid,
    timestamp: String(input.now ?? Date.now()),
    nonce: input.nonce ?? crypto.randomUUID().replace(/-/g, ""),
    redirect: input.redirect ?? "/",
  };
  if (input.nickname) params.nickname = input.nickname;
  if (input.avatar) params.avatar = input.avatar;
  params.sign = await hmacHex(secret, canonicalString(params));
  const url = new URL("/autologin", baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}
