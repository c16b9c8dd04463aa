// GET /autologin through the real Worker: the signed link logs a member in exactly once; every way a link
// can be wrong is a 401 page with no session and nothing written.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { autologinNonces, members } from "../../db/schema";
import { canonicalString, signAutologinLink } from "../identity/autologin-sign";
import { hmacHex } from "../identity/hmac";

const BASE = "http://mall.test";
const SECRET = env.AUTOLOGIN_SECRET;
const db = () => getDb(env.TURSO_DATABASE_URL);

function open(link: string) {
  return SELF.fetch(link, { redirect: "manual" });
}

async function memberRow(uid: string) {
  return (await db().select().from(members).where(eq(members.uid, uid)))[0];
}

describe("autologin", () => {
  it("creates the member, sets a signed HttpOnly session cookie and redirects to the same-origin path", async () => {
    const uid = `al-${crypto.randomUUID()}`;
    const link = await signAutologinLink(BASE, SECRET, { uid, nickname: "小明", redirect: "/items/1?from=menu" });
    const res = await open(link);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/items/1?from=menu");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^pm_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    const row = await memberRow(uid);
    expect(row?.nickname).toBe("小明");
  });

  it("keys members by uid: a second login updates the profile and mints a new session", async () => {
    const uid = `al-${crypto.randomUUID()}`;
    const first = await open(await signAutologinLink(BASE, SECRET, { uid, nickname: "旧名" }));
    const second = await open(await signAutologinLink(BASE, SECRET, { uid, nickname: "新名" }));
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    expect(first.headers.get("set-cookie")).not.toBe(second.headers.get("set-cookie"));
    expect((await db().select().from(members).where(eq(members.uid, uid))).length).toBe(1);
    expect((await memberRow(uid))?.nickname).toBe("新名");
  });

  it("refuses a replayed link (nonce used once) with 401 and no cookie", async () => {
    const uid = `al-${crypto.randomUUID()}`;
    const link = await signAutologinLink(BASE, SECRET, { uid, nickname: "一次" });
    expect((await open(link)).status).toBe(302);
    const again = await open(link);
    expect(again.status).toBe(401);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await again.text()).toContain("已使用过");
  });

  it("refuses a bad signature, a tampered parameter and a link signed with another secret", async () => {
    const uid = `al-${crypto.randomUUID()}`;
    const good = new URL(await signAutologinLink(BASE, SECRET, { uid }));
    const tampered = new URL(good);
    tampered.searchParams.set("uid", "someone-else");
    const badSign = new URL(good);
    badSign.searchParams.set("sign", "0".repeat(64));
    const otherSecret = await signAutologinLink(BASE, "not-the-secret", { uid });
    const noSign = new URL(good);
    noSign.searchParams.delete("sign");
    for (const link of [tampered.toString(), badSign.toString(), otherSecret, noSign.toString()]) {
      const res = await open(link);
      expect(res.status, link).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(await res.text()).toContain("登录链接无效");
    }
    expect(await memberRow(uid)).toBeUndefined();
    expect(await memberRow("someone-else")).toBeUndefined();
  });

  it("refuses links older or newer than 5 minutes", async () => {
    const uid = `al-${crypto.randomUUID()}`;
    for (const skew of [-5 * 60_000 - 1000, 5 * 60_000 + 1000]) {
      const res = await open(await signAutologinLink(BASE, SECRET, { uid, now: Date.now() + skew }));
      expect(res.status).toBe(401);
      expect(await res.text()).toContain("过期");
    }
    // Just inside the window works.
    expect((await open(await signAutologinLink(BASE, SECRET, { uid, now: Date.now() - 4 * 60_000 }))).status).toBe(302);
  });

  it("refuses an off-site redirect even when correctly signed, and writes nothing", async () => {
    const uid = `al-${crypto.randomUUID()}`;
    for (const redirect of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"]) {
      const link = await signAutologinLink(BASE, SECRET, {
        uid,
        redirect,
        nonce: `n${crypto.randomUUID().replace(/-/g, "")}`,
      });
      const res = await open(link);
      expect(res.status, redirect).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      const nonce = new URL(link).searchParams.get("nonce")!;
      expect(await db().select().from(autologinNonces).where(eq(autologinNonces.nonce, nonce))).toHaveLength(0);
    }
    expect(await memberRow(uid)).toBeUndefined();
  });

  it("a signed redirect with CR, LF, a NUL or another control character is 401 AUTOLOGIN_BAD_REDIRECT (not 500), writing nothing", async () => {
    const uid = `al-${crypto.randomUUID()}`;
    for (const redirect of [
      "/\r\nSet-Cookie: pm_session=x",
      "/items/1\n",
      "/a\rb",
      "/a\u0000b",
      "/a\tb",
      "/a\u007fb",
    ]) {
      const link = await signAutologinLink(BASE, SECRET, {
        uid,
        redirect,
        nonce: `n${crypto.randomUUID().replace(/-/g, "")}`,
      });
      const res = await open(link);
      expect(res.status, JSON.stringify(redirect)).toBe(401);
      expect(await res.text()).toContain("登录链接的跳转地址无效");
      expect(res.headers.get("set-cookie")).toBeNull();
      const nonce = new URL(link).searchParams.get("nonce")!;
      expect(await db().select().from(autologinNonces).where(eq(autologinNonces.nonce, nonce))).toHaveLength(0);
    }
    expect(await memberRow(uid)).toBeUndefined();
  });

  it("signs exactly the documented canonical string", async () => {
    const params = { uid: "u1", timestamp: "1700000000000", nonce: "abcdefgh", redirect: "/", nickname: "张三" };
    expect(canonicalString({ ...params, sign: "x" })).toBe(
      "nickname=张三&nonce=abcdefgh&redirect=/&timestamp=1700000000000&uid=u1",
    );
    const link = new URL(
      await signAutologinLink(BASE, "k", { uid: "u1", now: 1700000000000, nonce: "abcdefgh", nickname: "张三" }),
    );
    expect(link.searchParams.get("sign")).toBe(await hmacHex("k", canonicalString(params)));
  });
});
