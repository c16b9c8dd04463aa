// One order in the console through the real Worker (SELF): the detail, shipping (422 next to the field and
// nothing changed; shipped and audited once), fulfilling a service, cancelling (the points back in the wallet,
// the unit back on the shelf, audited once). Orders come from redeem() on this file's own items and members.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createItem, memberWith } from "../../redeem/test-support";
import { balanceOf, get, HX, post } from "../../shop/test-session";
import { stockFor } from "../../stock/stock-stub";
import type { SaleRules } from "../../stock/types";
import { csrfIn, login, OWNER, pageCsrf } from "../test-admin";
import { auditOf, order, ownerSession, stored, type Owner } from "./test-orders";

let owner: Owner;

beforeAll(async () => {
  owner = await ownerSession();
});

describe("one order", () => {
  let physical: number;
  let physicalRules: SaleRules;
  let virtual: number;
  let uid: string;

  beforeAll(async () => {
    ({ itemId: physical, rules: physicalRules } = await createItem({
      type: "physical",
      name: "详情马克杯",
      points: 300,
    }));
    virtual = (await createItem({ type: "virtual", name: "详情可颂", points: 150 })).itemId;
    uid = await memberWith(5000);
  });

  it("shows the member (linked), item, points, address and the actions its state allows", async () => {
    const o = await order(uid, physical, true);
    const res = await get(`/admin/orders/${o.id}`, owner.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`href="/admin/members/${uid}"`);
    expect(html).toContain("详情马克杯 × 1");
    expect(html).toContain("300 积分");
    expect(html).toContain("漕溪北路 1 号 101 室");
    expect(html).toContain('data-action="ship"');
    expect(html).toContain('data-action="cancel"');
    expect(html).not.toContain('data-action="fulfil"');
    expect((await get(`/admin/orders/NOPE-${crypto.randomUUID().slice(0, 8)}`, owner.cookie)).status).toBe(404);
  });

  it("ships with a carrier and tracking number: 422 next to the field and nothing changed, then shipped and audited once", async () => {
    const o = await order(uid, physical, true);
    const bad = await post(
      `/admin/orders/${o.id}/ship`,
      owner.cookie,
      { _csrf: owner.csrf, carrier: "顺丰速运", trackingNo: "SF 1" },
      HX,
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('data-field-error="trackingNo"');
    expect(badHtml).toContain("运单号须为 4–40 位字母、数字或 -");
    expect(badHtml).toContain('value="顺丰速运"'); // kept
    expect(badHtml).not.toContain("<html");
    // without JS the form posts and the answer is the whole page
    const noCarrier = await post(`/admin/orders/${o.id}/ship`, owner.cookie, {
      _csrf: owner.csrf,
      carrier: " ",
      trackingNo: "SF1234567890",
    });
    expect(noCarrier.status).toBe(422);
    const noCarrierHtml = await noCarrier.text();
    expect(noCarrierHtml).toContain('data-field-error="carrier"');
    expect(noCarrierHtml).toContain("<html");
    expect(
      (
        await post(`/admin/orders/${o.id}/ship`, owner.cookie, {
          _csrf: "0".repeat(40),
          carrier: "顺丰速运",
          trackingNo: "SF1234567890",
        })
      ).status,
    ).toBe(403);
    expect((await stored(o.id)).status).toBe("placed");
    expect(await auditOf(o.id, "order.ship")).toEqual([]);

    const ok = await post(
      `/admin/orders/${o.id}/ship`,
      owner.cookie,
      { _csrf: owner.csrf, carrier: "顺丰速运", trackingNo: "SF1234567890" },
      HX,
    );
    expect(ok.status).toBe(200);
    const okHtml = await ok.text();
    expect(okHtml).toContain("已发货：顺丰速运 SF1234567890");
    expect(okHtml).not.toContain('data-action="ship"');
    expect(okHtml).not.toContain('data-action="cancel"');
    const row = await stored(o.id);
    expect(row).toMatchObject({ status: "shipped", carrier: "顺丰速运", trackingNo: "SF1234567890" });
    // again (a double submit): answered as it is, nothing more written
    expect(
      (
        await post(`/admin/orders/${o.id}/ship`, owner.cookie, {
          _csrf: owner.csrf,
          carrier: "顺丰速运",
          trackingNo: "SF1234567890",
        })
      ).status,
    ).toBe(200);
    const audit = await auditOf(o.id, "order.ship");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: OWNER.email,
      before: { status: "placed", carrier: null, trackingNo: null },
      after: { status: "shipped", carrier: "顺丰速运", trackingNo: "SF1234567890" },
    });
    // a different tracking number for a shipped order is refused
    const other = await post(
      `/admin/orders/${o.id}/ship`,
      owner.cookie,
      { _csrf: owner.csrf, carrier: "顺丰速运", trackingNo: "SF999999" },
      HX,
    );
    expect(other.status).toBe(409);
    expect((await stored(o.id)).trackingNo).toBe("SF1234567890");
  });

  it("fulfils a placed virtual order (audited) and refuses to ship it", async () => {
    const o = await order(uid, virtual, false);
    expect(
      (
        await post(
          `/admin/orders/${o.id}/ship`,
          owner.cookie,
          { _csrf: owner.csrf, carrier: "顺丰速运", trackingNo: "SF1234567891" },
          HX,
        )
      ).status,
    ).toBe(409);
    const page = await (await get(`/admin/orders/${o.id}`, owner.cookie)).text();
    expect(page).toContain('data-action="fulfil"');
    const res = await post(`/admin/orders/${o.id}/fulfil`, owner.cookie, { _csrf: owner.csrf }, HX);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("订单已标记为已发放");
    expect((await stored(o.id)).status).toBe("fulfilled");
    expect((await post(`/admin/orders/${o.id}/fulfil`, owner.cookie, { _csrf: owner.csrf }, HX)).status).toBe(200);
    const audit = await auditOf(o.id, "order.fulfil");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { status: "placed" }, after: { status: "fulfilled" } });
  });

  it("cancels with a reason: the points back to the member's wallet (shown), the reason kept, audited once", async () => {
    const o = await order(uid, physical, true);
    const before = await balanceOf(uid);
    const available = async () => (await stockFor(env, physical).status({ rules: physicalRules })).available;
    const onShelf = await available();
    const empty = await post(`/admin/orders/${o.id}/cancel`, owner.cookie, { _csrf: owner.csrf, reason: "  " }, HX);
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('data-field-error="reason"');
    expect((await stored(o.id)).status).toBe("placed");
    expect(await balanceOf(uid)).toBe(before);

    const res = await post(
      `/admin/orders/${o.id}/cancel`,
      owner.cookie,
      { _csrf: owner.csrf, reason: "缺货，抱歉" },
      HX,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("订单已取消：300 积分已退回会员，1 件已放回库存");
    expect(html).toContain("缺货，抱歉");
    expect(await balanceOf(uid)).toBe(before + 300);
    expect(await available()).toBe(onShelf + 1);
    expect(await stored(o.id)).toMatchObject({ status: "cancelled", cancelReason: "缺货，抱歉" });
    // a retry (double tap): no second refund, no second audit row
    expect(
      (await post(`/admin/orders/${o.id}/cancel`, owner.cookie, { _csrf: owner.csrf, reason: "缺货，抱歉" }, HX))
        .status,
    ).toBe(200);
    expect(await balanceOf(uid)).toBe(before + 300);
    expect(await available()).toBe(onShelf + 1);
    const audit = await auditOf(o.id, "order.cancel");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: OWNER.email,
      before: { status: "placed" },
      after: { status: "cancelled", reason: "缺货，抱歉", pointsReturned: 300 },
    });
    // a shipped order cannot be cancelled
    const shipped = await order(uid, physical, true);
    await post(`/admin/orders/${shipped.id}/ship`, owner.cookie, {
      _csrf: owner.csrf,
      carrier: "中通",
      trackingNo: "ZT12345678",
    });
    expect(
      (await post(`/admin/orders/${shipped.id}/cancel`, owner.cookie, { _csrf: owner.csrf, reason: "晚了" }, HX))
        .status,
    ).toBe(409);
    expect((await stored(shipped.id)).status).toBe("shipped");
  });
});

describe("operators", () => {
  it("use the orders console too: an operator ships an order and the audit names them", async () => {
    const email = `op-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const created = await post("/admin/users", owner.cookie, {
      _csrf: await pageCsrf(owner.cookie, "/admin/users"),
      email,
    });
    expect(created.status).toBe(200);
    const password = /data-initial-password="?[^>]*>([^<]+)</.exec(await created.text())![1]!;
    const cookie = await login(email, password);
    const list = await get("/admin/orders", cookie);
    expect(list.status).toBe(200);
    const csrf = csrfIn(await list.text());
    const item = (await createItem({ type: "physical", name: "运营发货", points: 100 })).itemId;
    const o = await order(await memberWith(500), item, true);
    expect(
      (await post(`/admin/orders/${o.id}/ship`, cookie, { _csrf: csrf, carrier: "韵达", trackingNo: "YD87654321" }, HX))
        .status,
    ).toBe(200);
    expect((await auditOf(o.id, "order.ship"))[0]?.actor).toBe(email);
  });
});
