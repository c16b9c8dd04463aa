// requireMember through the real Worker: every member page and action answers a guest the same way (a GET:
// the login page, or the login prompt for htmx, 200; a POST: the same with 401, nothing done), and every
// member POST without the session's CSRF token, or from another origin, is 403 CSRF_FAILED.
import { describe, expect, it } from "vitest";
import { t } from "../../views/i18n";
import { csrfOf, get, HX, login, post } from "./test-session";

const PAGES = [
  "/me/points",
  "/me/points/ledger",
  "/me/addresses",
  "/me/addresses/1/edit",
  "/me/orders",
  "/me/orders/more",
  "/me/orders/PM-0000",
];

const ACTIONS = [
  "/checkin",
  "/me/addresses",
  "/me/addresses/1",
  "/me/addresses/1/default",
  "/me/addresses/1/delete",
  "/me/orders/PM-0000/receive",
  "/me/orders/PM-0000/cancel",
  "/items/1/redeem",
];

function isLoginPage(html: string): boolean {
  return html.includes("<html") && html.includes(t("login.needed")) && html.includes(t("login.text"));
}

function isLoginPrompt(html: string): boolean {
  return !html.includes("<html") && html.includes(t("login.needed")) && html.includes('href="/login"');
}

describe("requireMember: guests", () => {
  it("a member page answers a guest with the login page, and htmx with the login prompt (200)", async () => {
    for (const path of PAGES) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(isLoginPage(await page.text()), path).toBe(true);
      const frag = await get(path, undefined, HX);
      expect(frag.status, `${path} (htmx)`).toBe(200);
      expect(isLoginPrompt(await frag.text()), `${path} (htmx)`).toBe(true);
    }
  });

  it("a member action answers a guest with the login page, and htmx with the login prompt (401)", async () => {
    for (const path of ACTIONS) {
      const page = await post(path, undefined, { qty: "1" });
      expect(page.status, path).toBe(401);
      expect(isLoginPage(await page.text()), path).toBe(true);
      const frag = await post(path, undefined, { qty: "1" }, HX);
      expect(frag.status, `${path} (htmx)`).toBe(401);
      expect(isLoginPrompt(await frag.text()), `${path} (htmx)`).toBe(true);
    }
  });
});

describe("requireMember: a member's actions", () => {
  it("refuse a POST without the session's token, with another session's token, or from another origin (403)", async () => {
    const m = await login();
    const other = await login();
    const [csrf, othersCsrf] = await Promise.all([csrfOf(m.cookie), csrfOf(other.cookie)]);
    for (const path of [...ACTIONS, "/logout"]) {
      for (const [why, fields, headers] of [
        ["no token", {}, {}],
        ["another session's token", { _csrf: othersCsrf }, {}],
        ["another origin", { _csrf: csrf }, { Origin: "https://evil.example" }],
      ] as const) {
        const res = await post(path, m.cookie, fields, { ...HX, ...headers });
        expect(res.status, `${path}: ${why}`).toBe(403);
        expect(await res.text(), `${path}: ${why}`).toContain('data-error-code="CSRF_FAILED"');
      }
    }
    // nothing was done: the member is still logged in and has not checked in
    const points = await (await get("/me/points", m.cookie)).text();
    expect(points).toContain('id="balance-badge"');
    expect(points).not.toContain(t("member.checkedIn"));
  });
});
