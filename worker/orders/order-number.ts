// The order number: "PM" + the merchant-local date (yyyymmdd) + the first 12 hex digits (48 bits) of
// SHA-256(key), e.g. PM20260423A1B2C3D4E5F6. Derived from the key, so a retry of the same key computes the
// same number (the wallet keeps the number of the first committed attempt in any case).
import { localDate } from "../wallet/local-time";

export async function orderNumber(key: string, now: number, timeZone: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
  const hex = Array.from(digest.slice(0, 6), (b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
  return `PM${localDate(now, timeZone).replaceAll("-", "")}${hex}`;
}
