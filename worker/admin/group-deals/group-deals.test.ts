// 拼团 in the console through the real Worker: create a deal with the form (a double submit is one deal and one
// audit row), a bad form (the price not below the item's, an unknown item, a bad size) is a 422 that writes
// nothing, an edit writes its audit row, and a deal's page lists its groups with state and outcome, each group's
// page its seats as the group's object holds them.
import { SELF } from "cloudflare:test";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, groupDeals } from "../../../db/schema";
import { createItem, db } from "../../redeem/test-support";
import { BASE, csrfOf, get, givePoints, inputValue, login, post } from "../../shop/test-session";
import { ownerSession } from "../test-admin";

function form(csrf: string, ref: string, itemId: number, over: Record<string, string> = {}) {
  return {
    _csrf: csrf,
    ref,
    itemId: String(itemId),
    groupSize: "2",
    pointsPrice: "60",
    fillHours: "24",
    enabled: "on",
    ...over,
  };
}

const deals = async () => (await db().select({ n: count() }).from(groupDeals))[0]!.n;

describe("console group deals", () => {
  it("creates once per form, edits with an audit row, and shows the groups with outcomes and seats", async () => {
    const s = await ownerSession("/admin/group-deals");
    const { itemId } = await createItem({ points: 100, stock: 5 });
    const ref = `console:${crypto.randomUUID()}`;
    const first = await post("/admin/group-deals", s.cookie, form(s.csrf, ref, itemId));
    expect(first.status).toBe(303);
    const at = first.headers.get("location")!;
    expect(at).toMatch(/^\/admin\/group-deals\/D[0-9a-f]{12}$/);
    const again = await post("/admin/group-deals", s.cookie, form(s.csrf, ref, itemId));
    expect(again.headers.get("location")).toBe(at);
    const id = at.split("/").pop()!;
    const audits = (action: string) =>
      db()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.target, `group_deal:${id}`), eq(auditLog.action, action)));
    expect(await audits("group_deal.create")).toHaveLength(1);
    expect(await (await get("/admin/group-deals", s.cookie)).text()).toContain(`data-deal-id="${id}"`);

    // Two members fill a group through their pages.
    const a = await login();
    const b = await login();
    await givePoints(a.uid, 100);
    await givePoints(b.uid, 100);
    const item = await (await get(`/items/${itemId}`, a.cookie)).text();
    const at2 = item.indexOf('action="/groups"');
    const open = await post("/groups", a.cookie, {
      dealId: id,
      key: inputValue(item.slice(at2, item.indexOf("</form>", at2)), "key")!,
      _csrf: await csrfOf(a.cookie),
    });
    expect(open.status).toBe(303);
    const groupPath = open.headers.get("location")!;
    const groupId = groupPath.slice(8);
    const page = await (await get(groupPath, b.cookie)).text();
    const joined = await post(`${groupPath}/join`, b.cookie, {
      key: inputValue(page.slice(page.indexOf(`action="${groupPath}/join"`)), "key")!,
      _csrf: await csrfOf(b.cookie),
    });
    expect(joined.status).toBe(303);

    const detail = await (await get(at, s.cookie)).text();
    expect(detail).toContain(`data-group-id="${groupId}" data-group-state="completed"`);
    expect(detail).toContain("下单 2 · 退还 0");
    const seats = await (await get(`${at}/groups/${groupId}`, s.cookie)).text();
    expect(seats.match(/data-seat-state="ORDERED"/g)).toHaveLength(2);
    expect(seats).toContain(a.uid);
    // Another deal's id in the path does not show this group.
    expect((await get(`/admin/group-deals/D000000000000/groups/${groupId}`, s.cookie)).status).toBe(404);

    // An edit: the new price, one audit row.
    const edit = await post(at, s.cookie, form(s.csrf, "x", itemId, { pointsPrice: "55" }));
    expect(edit.status).toBe(303);
    const [row] = await db().select().from(groupDeals).where(eq(groupDeals.id, id));
    expect(row!.pointsPrice).toBe(55);
    expect(await audits("group_deal.update")).toHaveLength(1);
  });

  it("refuses a bad form with a 422 that writes nothing", async () => {
    const s = await ownerSession("/admin/group-deals");
    const { itemId } = await createItem({ points: 100, stock: 5 });
    const before = await deals();
    const bad: Record<string, string>[] = [
      { pointsPrice: "100" },
      { itemId: "99999999" },
      { groupSize: "1" },
      { fillHours: "abc" },
    ];
    for (const over of bad) {
      const res = await post(
        "/admin/group-deals",
        s.cookie,
        form(s.csrf, `console:${crypto.randomUUID()}`, itemId, over),
      );
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(await res.text()).toContain('data-error-code="VALIDATION_FAILED"');
    }
    expect(await deals()).toBe(before);
    // Without the CSRF token: refused, nothing written.
    const forged = await SELF.fetch(`${BASE}/admin/group-deals`, {
      method: "POST",
      body: new URLSearchParams(form("", `console:${crypto.randomUUID()}`, itemId)),
      headers: { Cookie: s.cookie, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect(await deals()).toBe(before);
  });
});
