// The session memo's window (./session-memo.ts), through the real Worker (SELF) and Turso: a revocation
// written by another isolate is honoured within SESSION_MEMO_MS, a logout and a console block in this isolate
// at once, and a member page reads no Turso for the session while the memo holds it.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { memberSessionRevocations } from "../../db/schema";
import { t } from "../../views/i18n";
import { OWNER, login as adminLogin, pageCsrf } from "../admin/test-admin";
import { csrfOf, get, login, post } from "../shop/test-session";
import { forgetAllSessions, SESSION_MEMO_MS } from "./session-memo";

const db = () => getDb(env.TURSO_DATABASE_URL);
const isMember = async (cookie: string) =>
  (await (await get("/me/points", cookie)).text()).includes('id="balance-badge"');
/** The session id inside a pm_session cookie (its signed JSON value). */
function sidOf(cookie: string): { sid: string; exp: number } {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1));
  return JSON.parse(value.slice(0, value.lastIndexOf("."))) as { sid: string; exp: number };
}

describe("session memo", () => {
  it("a revocation made by another isolate (Turso only) stops the session within SESSION_MEMO_MS", async () => {
    const m = await login();
    expect(await isMember(m.cookie)).toBe(true); // read and kept in this isolate
    const { sid, exp } = sidOf(m.cookie);
    await db().insert(memberSessionRevocations).values({ sid, expiresAt: exp });
    const started = Date.now();
    let stillMember = await isMember(m.cookie);
    while (stillMember) {
      expect(Date.now() - started, "still a member past the window").toBeLessThan(SESSION_MEMO_MS + 1_000);
      await new Promise((r) => setTimeout(r, 250));
      stillMember = await isMember(m.cookie);
    }
    const page = await (await get("/me/points", m.cookie)).text();
    expect(page).toContain(t("login.needed"));
    // and it stays refused (a revoked answer is kept, never reverted)
    forgetAllSessions();
    expect(await isMember(m.cookie)).toBe(false);
  }, 15_000);

  it("a logout in this isolate is refused at once, although the page before it was kept", async () => {
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    expect(await isMember(m.cookie)).toBe(true);
    expect((await post("/logout", m.cookie, { _csrf: csrf })).status).toBe(303);
    expect(await isMember(m.cookie)).toBe(false);
  });

  it("a console block in this isolate shows on the member's next page at once", async () => {
    const m = await login();
    const home = async () => (await get("/", m.cookie)).text();
    expect(await home()).not.toContain("data-member-blocked");
    const admin = await adminLogin(OWNER.email, OWNER.password);
    const path = `/admin/members/${encodeURIComponent(m.uid)}`;
    const csrf = await pageCsrf(admin, path);
    expect((await post(`${path}/block`, admin, { _csrf: csrf })).status).toBe(303);
    expect(await home()).toContain("data-member-blocked");
    expect((await post(`${path}/unblock`, admin, { _csrf: csrf })).status).toBe(303);
    expect(await home()).not.toContain("data-member-blocked");
  });
});
