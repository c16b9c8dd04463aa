// Markup typed by merchants or sent by the merchant's system (an item's name and description, a member's
// nickname, an order's carrier) comes out as text on every console and shopper page that shows it: escaped,
// never a tag, and no page carries an inline script. (The CSV export's formula guard is in orders/list.test.ts;
// the audit log's escaping in admin.test.ts; markup in query strings and refused forms: security-reflect.test.ts.) The database is shared: the item, members and orders are this
// file's own.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { putMember } from "../api/test-client";
import { db } from "../redeem/test-support";
import { get, givePoints, HX, login as memberLogin, post, type Member } from "../shop/test-session";
import { createThroughForm } from "./items/test-items";
import { order } from "./orders/test-orders";
import { ownOwner } from "./test-security";

const SCRIPT = "<script>alert(1)</script>";
const IMG = '"><img src=x onerror=alert(1)>';
type Shown = "script" | "img";

/** No payload as markup, no inline script at all; each payload expected on the page is there as text. */
function expectSafe(html: string, where: string, shown: Shown[]) {
  expect(html, where).not.toContain("<script>alert(1)");
  expect(html, where).not.toMatch(/<img[^>]*onerror/i);
  expect(html, where).not.toContain('"><img src=x');
  expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/gi), `${where}: inline script`).toBeNull();
  if (shown.includes("script")) expect(html, where).toContain("&lt;script>alert(1)&lt;/script>");
  if (shown.includes("img")) expect(html, where).toMatch(/&lt;img src=x onerror=alert\(1\)/);
}

async function page(path: string, cookie: string, headers: Record<string, string> = {}) {
  const res = await get(path, cookie, headers);
  expect(res.status, path).toBe(200);
  expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
  return res.text();
}

describe("escaping user- and merchant-supplied text", () => {
  const tag = crypto.randomUUID().slice(0, 4);
  let owner: Awaited<ReturnType<typeof ownOwner>>;
  let itemId: number;
  let a: Member; // nickname SCRIPT, a shopper signed in
  let bUid: string; // nickname IMG
  let shippedScript: string; // carrier SCRIPT
  let shippedImg: string; // carrier IMG

  beforeAll(async () => {
    owner = await ownOwner("esc");
    // through the console's own form: the name and description carry both payloads
    itemId = await createThroughForm(owner.cookie, {
      sku: `ESC-${tag}`,
      name: `${SCRIPT}${IMG}${tag}`,
      description: `${IMG}${SCRIPT}`,
      points: "10",
      stock: "10",
    });
    a = await memberLogin(`esc-${tag}-a-${crypto.randomUUID().slice(0, 8)}`);
    bUid = `esc-${tag}-b-${crypto.randomUUID().slice(0, 8)}`;
    expect((await putMember(a.uid, { nickname: SCRIPT })).status).toBeLessThan(300);
    expect((await putMember(bUid, { nickname: IMG })).status).toBeLessThan(300);
    await givePoints(a.uid, 1000);
    await givePoints(bUid, 1000);
    shippedScript = (await order(a.uid, itemId, true)).id;
    shippedImg = (await order(a.uid, itemId, true)).id;
    await order(bUid, itemId, true);
    for (const [id, carrier] of [
      [shippedScript, SCRIPT],
      [shippedImg, IMG],
    ] as const) {
      const res = await post(`/admin/orders/${id}/ship`, owner.cookie, {
        _csrf: owner.csrf,
        carrier,
        trackingNo: "SF1234567890",
      });
      expect(res.status, `ship ${id}`).toBeLessThan(400);
    }
  });

  it("the console's members list and profiles show nicknames as text", async () => {
    expectSafe(await page(`/admin/members?q=esc-${tag}-`, owner.cookie), "members list", ["script", "img"]);
    expectSafe(await page(`/admin/members/${encodeURIComponent(a.uid)}`, owner.cookie), "member A", ["script"]);
    expectSafe(await page(`/admin/members/${encodeURIComponent(bUid)}`, owner.cookie), "member B", ["img"]);
  });

  it("the console's item list, edit form and preview show the name and description as text", async () => {
    expectSafe(await page(`/admin/items?q=${tag}`, owner.cookie), "items list", ["script", "img"]);
    const edit = await page(`/admin/items/${itemId}`, owner.cookie);
    expectSafe(edit, "item edit", ["script", "img"]);
    expect(edit).toContain("&quot;>&lt;img"); // inside the name input's value: the quote cannot close it
    expectSafe(await page(`/admin/items/${itemId}/preview`, owner.cookie), "item preview", ["script", "img"]);
  });

  it("the console's order list, rows and details show item, nickname and carrier as text", async () => {
    expectSafe(await page(`/admin/orders?uid=${encodeURIComponent(a.uid)}`, owner.cookie), "orders list", [
      "script",
      "img",
    ]);
    expectSafe(await page(`/admin/orders/rows?uid=${encodeURIComponent(bUid)}`, owner.cookie, HX), "orders rows", [
      "script",
      "img",
    ]);
    for (const [id, shown] of [
      [shippedScript, "script"],
      [shippedImg, "img"],
    ] as const) {
      const html = await page(`/admin/orders/${id}`, owner.cookie);
      expectSafe(html, `order ${id}`, ["script", "img"]);
      expect(html).toContain(
        shown === "script" ? "&lt;script>alert(1)&lt;/script>" : "&quot;>&lt;img src=x onerror=alert(1)>",
      );
    }
  });

  it("the audit log shows the new item and the shipments as text", async () => {
    const rows = await db()
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.actor, owner.email), eq(auditLog.action, "order.ship")));
    expect(rows.length).toBe(2);
    const html = await page(`/admin/audit?cursor=${Math.max(...rows.map((r) => r.id)) + 1}`, owner.cookie);
    expect(html).toContain(`data-audit-id="${Math.max(...rows.map((r) => r.id))}"`);
    expectSafe(html, "audit", ["script", "img"]);
  });

  it("the shopper's item page, search, order list and order details show them as text", async () => {
    expectSafe(await page(`/items/${itemId}`, a.cookie), "item page", ["script", "img"]);
    expectSafe(await page(`/?q=${tag}`, a.cookie), "search", ["script", "img"]);
    expectSafe(await page(`/catalog?q=${tag}`, a.cookie, HX), "search rows", ["script", "img"]);
    expectSafe(await page("/me/orders", a.cookie), "my orders", ["script", "img"]);
    const mine = await page(`/me/orders/${shippedScript}`, a.cookie);
    expectSafe(mine, "my order (script carrier)", ["script", "img"]);
    expect(mine).toContain("&lt;script>alert(1)&lt;/script> SF1234567890");
    const mine2 = await page(`/me/orders/${shippedImg}`, a.cookie);
    expectSafe(mine2, "my order (img carrier)", ["script", "img"]);
    expect(mine2).toContain("&quot;>&lt;img src=x onerror=alert(1)> SF1234567890");
  });
});
