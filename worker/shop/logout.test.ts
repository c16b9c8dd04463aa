// Issue 14 (low): a shopper can end their session. POST /logout (CSRF-checked, linked from every member page)
// revokes the session on the server, so the old cookie — even a copy kept elsewhere — is a guest afterwards.
import { describe, expect, it } from "vitest";
import { t } from "../../views/i18n";
import { csrfOf, get, HX, login, post } from "./test-session";

describe("shopper logout", () => {
  it("the member pages have a logout button (a POST form with the CSRF token)", async () => {
    const m = await login();
    for (const path of ["/me/points", "/me/orders", "/me/addresses"]) {
      const html = await (await get(path, m.cookie)).text();
      const form = /<form[^>]*action="\/logout"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
      expect(form, path).toMatch(/method="post"/);
      expect(form, path).toMatch(/name="_csrf" value="[0-9a-f]{40}"/);
      expect(form, path).toContain("退出登录");
    }
  });

  it("revokes the session on the server: the old cookie is a guest everywhere afterwards", async () => {
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    expect(await (await get("/me/points", m.cookie)).text()).toContain('id="balance-badge"');
    const out = await post("/logout", m.cookie, { _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/");
    expect(out.headers.get("set-cookie")).toMatch(/^pm_session=;.*Max-Age=0/);
    // the copied cookie: no balance, no member pages, no check-in
    const page = await (await get("/me/points", m.cookie)).text();
    expect(page).not.toContain('id="balance-badge"');
    expect(page).toContain(t("login.needed"));
    const checkin = await post("/checkin", m.cookie, { _csrf: csrf }, HX);
    expect(await checkin.text()).not.toContain("签到成功");
    // logging in again works (a new session)
    const again = await login(m.uid);
    expect(await (await get("/me/points", again.cookie)).text()).toContain('id="balance-badge"');
  });

  it("without the CSRF token (or from another site) it is 403 and the session lives on", async () => {
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    expect((await post("/logout", m.cookie, {})).status).toBe(403);
    expect((await post("/logout", m.cookie, { _csrf: csrf }, { Origin: "https://evil.example" })).status).toBe(403);
    expect(await (await get("/me/points", m.cookie)).text()).toContain('id="balance-badge"');
  });

  it("a guest's logout just goes home", async () => {
    const res = await post("/logout", undefined, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/");
  });
});
