// Markup sent in a query string (to every console GET route from the real route table, and the shop's pages)
// or typed into a console form that is refused comes back as text: never a tag in a body, never in a
// redirect header. The database is shared: the owner and rows are this file's own.
import { describe, expect, it } from "vitest";
import { get, HX, login as memberLogin, post } from "../shop/test-session";
import { loginForm } from "./test-admin";
import { adminRouteTable, fixture, ownOwner, urlFor } from "./test-security";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';

describe("reflected input", () => {
  const P = `${IMG}${SCRIPT}`;
  /** No payload as markup in a body or a header, whatever the status. */
  async function expectNoMarkup(res: Response, where: string) {
    const body = await res.text();
    expect(body, where).not.toContain("<script>alert(1)");
    expect(body, where).not.toMatch(/<img[^>]*onerror/i);
    for (const h of ["location", "hx-redirect", "hx-location"])
      expect(res.headers.get(h) ?? "", `${where} ${h}`).not.toMatch(/[<>"]/);
  }

  it("every console page (from the route table) and the shop's pages take markup in any query parameter as text", async () => {
    const owner = await ownOwner("refl");
    const f = await fixture(owner.cookie, "refl");
    const query = new URLSearchParams(
      Object.fromEntries(
        [
          "q",
          "uid",
          "status",
          "itemId",
          "from",
          "to",
          "cursor",
          "category",
          "type",
          "shelf",
          "saved",
          "page",
          "notice",
        ].map((k) => [k, P]),
      ),
    ).toString();
    const gets = adminRouteTable().filter((r) => r.method === "GET");
    expect(gets.length).toBeGreaterThanOrEqual(20);
    for (const r of gets) {
      const url = `${urlFor(r.path, f)}?${query}`;
      await expectNoMarkup(await get(url, owner.cookie), url);
      await expectNoMarkup(await get(url, owner.cookie, HX), `${url} (htmx)`);
    }
    // a search box keeps what was typed, as text
    const typed = await get(`/admin/members?q=${encodeURIComponent(IMG)}`, owner.cookie);
    expect(await typed.text()).toContain("&quot;>&lt;img src=x onerror=alert(1)>");
    const shopper = await memberLogin();
    for (const path of ["/", "/me/orders", "/me/points", `/items/${f.itemId}`, "/flash"]) {
      await expectNoMarkup(await get(`${path}?${query}`, shopper.cookie), path);
    }
  });

  it("forms answered 422 keep what was typed, as text", async () => {
    const owner = await ownOwner("echo");
    const f = await fixture(owner.cookie, "echo");
    const csrf = owner.csrf;
    const forms: [string, Record<string, string>][] = [
      ["/admin/items", { _csrf: csrf, sku: P, name: P, description: P, type: "physical", points: "x", stock: "1" }],
      [`/admin/items/${f.itemId}`, { _csrf: csrf, name: P, description: P, type: "physical", points: "x" }],
      ["/admin/items/categories", { _csrf: csrf, name: P, slug: P }],
      [`/admin/items/categories/${f.categoryId}`, { _csrf: csrf, name: P, sort: P }],
      [`/admin/items/${f.itemId}/stock`, { _csrf: csrf, ref: P, delta: P, reason: P }],
      [`/admin/orders/${f.orderId}/ship`, { _csrf: csrf, carrier: P, trackingNo: P }],
      [
        "/admin/orders/batch-ship",
        { _csrf: csrf, csv: `订单号,快递公司,运单号\n${f.orderId},"${P}",${"x".repeat(3)}\n"${P}",a,b\n` },
      ],
      [`/admin/members/${encodeURIComponent(f.uid)}/adjust`, { _csrf: csrf, ref: P, points: P, reason: P }],
      ["/admin/users", { _csrf: csrf, email: P }],
      ["/admin/settings/mall", { _csrf: csrf, mallName: P, tagline: P, bannerAlt: P, brandColor: P, timeZone: P }],
      [
        "/admin/settings/rules/preview",
        { _csrf: csrf, pointsPerYuan: P, tierKey: P, tierName: P, tierThreshold: P, tierMultiplier: P },
      ],
      [
        "/admin/settings/rules",
        { _csrf: csrf, pointsPerYuan: P, tierKey: P, tierName: P, tierThreshold: P, tierMultiplier: P },
      ],
    ];
    for (const [path, fields] of forms) {
      for (const headers of [{}, HX]) {
        const res = await post(path, owner.cookie, fields, headers);
        // (a batch answers 200 with each line's outcome)
        if (!path.endsWith("/batch-ship")) expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
        await expectNoMarkup(res, `POST ${path}`);
      }
    }
    // the login form echoes the email as typed
    const form = await loginForm();
    const res = await post("/admin/login", form.cookie, { _csrf: form.csrf, email: P, password: "x" });
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toMatch(/<img[^>]*onerror/i);
    expect(html).toContain('value="&quot;>&lt;img src=x onerror=alert(1)>&lt;script>alert(1)&lt;/script>"');
  });
});
