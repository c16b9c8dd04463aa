// The session cookie's checked signatures kept per isolate (./session.ts): a member's next page skips the
// HMAC check, and a cookie that differs in any byte from one checked before is checked again and refused.
import { describe, expect, it } from "vitest";
import { get, login } from "../shop/test-session";

const isMember = async (cookie: string) =>
  (await (await get("/me/points", cookie)).text()).includes('id="balance-badge"');

/** The cookie with its signed JSON value changed (the signature kept) or its signature changed. */
function tampered(cookie: string, part: "payload" | "signature"): string {
  const name = cookie.slice(0, cookie.indexOf("="));
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  const dot = value.lastIndexOf(".");
  const payload = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  const next =
    part === "payload"
      ? `${payload.replace(/"uid":"([^"]+)"/, '"uid":"$1x"')}.${signature}`
      : `${payload}.${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
  return `${name}=${encodeURIComponent(next)}`;
}

describe("signed session cookie", () => {
  it("is a member again and again on the checked cookie, a guest on any changed byte, before and after", async () => {
    const m = await login();
    const forged = tampered(m.cookie, "payload");
    const badSig = tampered(m.cookie, "signature");
    expect(forged).not.toBe(m.cookie);
    expect(badSig).not.toBe(m.cookie);
    expect(await isMember(forged)).toBe(false);
    expect(await isMember(m.cookie)).toBe(true); // checked, kept
    expect(await isMember(m.cookie)).toBe(true); // from the kept check
    expect(await isMember(forged)).toBe(false);
    expect(await isMember(badSig)).toBe(false);
    expect(await isMember(badSig)).toBe(false);
    expect(await isMember(m.cookie)).toBe(true);
  });
});
