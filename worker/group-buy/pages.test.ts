// The member's group pages through the real Worker with real sessions, and the Merchant API that makes the
// deal: the deal on the item page, 开团 without JS (a double tap opens one group), the group page (masked
// members, seats left, share link), 参团 with htmx (the panel and the balance badge out of band) filling the
// group, a full group refusing a third member, my groups, CSRF and guests.
import { describe, expect, it } from "vitest";
import { call, newRef } from "../api/test-client";
import { createItem } from "../redeem/test-support";
import { balanceOf, csrfOf, errorCodeIn, get, givePoints, HX, inputValue, login, post } from "../shop/test-session";

async function newDeal(over: Record<string, unknown> = {}) {
  const { itemId } = await createItem({ points: 100, stock: 5 });
  const r = await call("POST", "/api/v1/group-deals", {
    ref: newRef("gd"),
    itemId,
    groupSize: 2,
    pointsPrice: 60,
    fillHours: 24,
    ...over,
  });
  expect(r.status).toBe(201);
  return { itemId, dealId: r.json.id as string };
}

/** The value of a hidden field inside the form posting to `action`. */
function formField(html: string, action: string, name: string): string | null {
  const at = html.indexOf(`action="${action}"`);
  if (at < 0) return null;
  return inputValue(html.slice(at, html.indexOf("</form>", at)), name);
}

describe("group buy pages", () => {
  it("opens a group from the item page, a second member fills it with htmx, both have an order", async () => {
    const { itemId, dealId } = await newDeal();
    const a = await login();
    const b = await login();
    const a0 = await givePoints(a.uid, 100);
    const b0 = await givePoints(b.uid, 100);
    const item = await (await get(`/items/${itemId}`, a.cookie)).text();
    expect(item).toContain(`data-deal-id="${dealId}"`);
    expect(item).toContain("2 人团 · 每人 60 积分");
    const key = formField(item, "/groups", "key")!;
    const csrf = formField(item, "/groups", "_csrf")!;
    // A double tap: one group, paid once.
    const [r1, r2] = await Promise.all([
      post("/groups", a.cookie, { dealId, key, _csrf: csrf }),
      post("/groups", a.cookie, { dealId, key, _csrf: csrf }),
    ]);
    expect(r1.status).toBe(303);
    expect(r2.headers.get("Location")).toBe(r1.headers.get("Location"));
    const groupPath = r1.headers.get("Location")!;
    expect(groupPath).toMatch(/^\/groups\/T[0-9a-f]{12}$/);
    expect(await balanceOf(a.uid)).toBe(a0 - 60);

    // B sees the group on the item page and on its own page (A masked), with the share link.
    const itemB = await (await get(`/items/${itemId}`, b.cookie)).text();
    expect(itemB).toContain(`data-group-id="${groupPath.slice(8)}"`);
    const page = await (await get(groupPath, b.cookie)).text();
    expect(page).toContain("还差 1 人成团");
    expect(page).toContain(`http://mall.test${groupPath}`);
    expect(page).not.toContain(a.uid);
    const joinKey = formField(page, `${groupPath}/join`, "key")!;
    const res = await post(`${groupPath}/join`, b.cookie, { key: joinKey, _csrf: await csrfOf(b.cookie) }, HX);
    expect(res.status).toBe(200);
    const frag = await res.text();
    expect(frag).toContain('data-group-state="completed"');
    expect(frag).toMatch(/data-order-id="PM\d{8}[0-9A-F]{12}"/);
    expect(frag).toContain('id="balance-badge"');
    expect(frag).toContain('hx-swap-oob="true"');
    expect(await balanceOf(b.uid)).toBe(b0 - 60);

    // A's view: success and an order; my groups lists it.
    const pageA = await (await get(groupPath, a.cookie)).text();
    expect(pageA).toContain("拼团成功");
    expect(pageA).toContain('data-my-seat="ordered"');
    const mine = await (await get("/me/groups", a.cookie)).text();
    expect(mine).toContain(`data-group-id="${groupPath.slice(8)}"`);
    expect(mine).toContain('data-group-state="completed"');

    // A third member: the group is closed (no form), and a forced post is refused with its code.
    const c = await login();
    const c0 = await givePoints(c.uid, 100);
    const late = await post(`${groupPath}/join`, c.cookie, { key: crypto.randomUUID(), _csrf: await csrfOf(c.cookie) });
    expect(late.status).toBe(409);
    expect(errorCodeIn(await late.text())).toBe("GROUP_CLOSED");
    expect(await balanceOf(c.uid)).toBe(c0);
  });

  it("refuses a join without CSRF or with a bad key, and asks a guest to log in; unknown groups are 404", async () => {
    const { dealId } = await newDeal();
    const a = await login();
    const a0 = await givePoints(a.uid, 100);
    const key = crypto.randomUUID();
    expect((await post("/groups", a.cookie, { dealId, key })).status).toBe(403);
    expect((await post("/groups", a.cookie, { dealId, key: "nope", _csrf: await csrfOf(a.cookie) })).status).toBe(422);
    expect((await post("/groups", undefined, { dealId, key })).status).toBe(401);
    expect(await balanceOf(a.uid)).toBe(a0);
    expect((await get("/groups/T000000000000")).status).toBe(404);
    expect((await get("/groups/nope")).status).toBe(404);
    const guest = await get("/me/groups");
    expect(guest.status).toBe(200);
    expect(await guest.text()).toContain("登录");
  });

  it("a disabled deal is not offered and cannot be opened", async () => {
    const { itemId, dealId } = await newDeal({ enabled: false });
    const a = await login();
    const a0 = await givePoints(a.uid, 100);
    expect(await (await get(`/items/${itemId}`, a.cookie)).text()).not.toContain(`data-deal-id="${dealId}"`);
    const r = await post("/groups", a.cookie, { dealId, key: crypto.randomUUID(), _csrf: await csrfOf(a.cookie) });
    expect(r.status).toBe(409);
    expect(await balanceOf(a.uid)).toBe(a0);
  });
});

describe("group deals API", () => {
  it("creates idempotently on ref, refuses a price not below the item's, lists and reads with its groups", async () => {
    const { itemId } = await createItem({ points: 100 });
    const body = { ref: newRef("gd"), itemId, groupSize: 3, pointsPrice: 70, fillHours: 12 };
    const created = await call("POST", "/api/v1/group-deals", body);
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(id).toMatch(/^D[0-9a-f]{12}$/);
    const again = await call("POST", "/api/v1/group-deals", body);
    expect([again.status, again.json.id]).toEqual([201, id]);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    const reused = await call("POST", "/api/v1/group-deals", { ...body, pointsPrice: 50 });
    expect([reused.status, reused.json.error.code]).toEqual([422, "REF_REUSED"]);
    const dear = await call("POST", "/api/v1/group-deals", { ...body, ref: newRef(), pointsPrice: 100 });
    expect([dear.status, dear.json.error.code]).toEqual([422, "VALIDATION_FAILED"]);
    const unknown = await call("POST", "/api/v1/group-deals", { ...body, ref: newRef(), itemId: 99_999_999 });
    expect(unknown.status).toBe(422);
    const small = await call("POST", "/api/v1/group-deals", { ...body, ref: newRef(), groupSize: 1 });
    expect(small.status).toBe(422);
    const got = await call("GET", `/api/v1/group-deals/${id}`);
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      id,
      itemId,
      groupSize: 3,
      pointsPrice: 70,
      fillHours: 12,
      enabled: true,
      groups: [],
    });
    const list = await call("GET", "/api/v1/group-deals");
    expect(list.json.deals.some((d: { id: string }) => d.id === id)).toBe(true);
    expect((await call("GET", "/api/v1/group-deals/D000000000000")).status).toBe(404);
    expect((await call("GET", "/api/v1/group-deals/bad")).status).toBe(422);
    const doc = (await call("GET", "/api/v1/openapi.json")).json;
    expect(doc.paths["/api/v1/group-deals"].post).toBeDefined();
    expect(doc.paths["/api/v1/group-deals/{id}"].get).toBeDefined();
  });
});
