// The end of an order's life through the real Worker: shipped physical → completed (merchant API or the
// member's 确认收货), placed virtual → fulfilled (merchant only); finishing twice answers the same order;
// anything else is NOT_FINISHABLE and changes nothing.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { signAutologinLink } from "../identity/autologin-sign";
import { redeem } from "../redeem/redeem";
import type { DeliveryAddress } from "../../domain";
import { call, earn, newRef, newUid, putMember, withRef } from "./test-client";

const ADDRESS: DeliveryAddress = {
  recipient: "李四",
  phone: "13900139000",
  region: "杭州市 西湖区",
  detail: "文三路 99 号",
};
const db = () => getDb(env.TURSO_DATABASE_URL);
const complete = (id: string) => call("POST", `/api/v1/orders/${encodeURIComponent(id)}/complete`, withRef({}));

async function itemOf(type: "physical" | "virtual" | "coupon"): Promise<number> {
  const res = await call("POST", "/api/v1/items", {
    sku: `F-${crypto.randomUUID().slice(0, 8).toUpperCase()}`,
    name: "完成测试",
    type,
    points: 10,
    stock: 5,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  return res.json.id;
}

async function orderOf(uid: string, itemId: number, address: DeliveryAddress | null) {
  const r = await redeem(env, db(), { uid, itemId, qty: 1, key: crypto.randomUUID(), address, now: Date.now() });
  if (!r.ok) throw new Error(r.code);
  return r.order;
}

async function member() {
  const uid = newUid();
  await putMember(uid, {});
  await earn(uid, { ref: newRef("seed"), reason: "测试", points: 500, source: "purchase" });
  return uid;
}

describe("finishing orders", () => {
  it("completes a shipped physical order (once), fulfils a placed virtual one, refuses the rest", async () => {
    const uid = await member();
    const physical = await orderOf(uid, await itemOf("physical"), ADDRESS);
    const virtual = await orderOf(uid, await itemOf("virtual"), null);
    const coupon = await orderOf(uid, await itemOf("coupon"), null);

    // not shipped yet: refused, unchanged
    const early = await complete(physical.id);
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("NOT_FINISHABLE");
    expect((await call("GET", `/api/v1/orders/${physical.id}`)).json.status).toBe("placed");

    expect(
      (
        await call(
          "POST",
          `/api/v1/orders/${physical.id}/ship`,
          withRef({ carrier: "顺丰速运", trackingNo: "SF5550001" }),
        )
      ).status,
    ).toBe(200);
    const done = await complete(physical.id);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ id: physical.id, status: "completed", trackingNo: "SF5550001" });
    expect((await complete(physical.id)).json).toEqual(done.json);

    const served = await complete(virtual.id);
    expect(served.status).toBe(200);
    expect(served.json.status).toBe("fulfilled");
    // a fulfilled order can no longer be cancelled
    expect((await call("POST", `/api/v1/orders/${virtual.id}/cancel`, withRef({ reason: "晚了" }))).status).toBe(409);

    const c = await complete(coupon.id);
    expect(c.status).toBe(409);
    expect((await complete("NO-SUCH-ORDER")).status).toBe(404);
  });

  it("lets a member confirm receipt of their own shipped order on its page, with CSRF", async () => {
    const uid = await member();
    const order = await orderOf(uid, await itemOf("physical"), ADDRESS);
    await call("POST", `/api/v1/orders/${order.id}/ship`, withRef({ carrier: "中通快递", trackingNo: "ZT7770001" }));

    const login = await SELF.fetch(await signAutologinLink("http://mall.test", env.AUTOLOGIN_SECRET, { uid }), {
      redirect: "manual",
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
    const page = await (
      await SELF.fetch(`http://mall.test/me/orders/${order.id}`, { headers: { Cookie: cookie } })
    ).text();
    expect(page).toContain("确认收货");
    const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(page)![1]!;
    const post = (token: string, who = cookie) =>
      SELF.fetch(`http://mall.test/me/orders/${order.id}/receive`, {
        method: "POST",
        body: new URLSearchParams({ _csrf: token }),
        headers: {
          Cookie: who,
          Origin: "http://mall.test",
          "Content-Type": "application/x-www-form-urlencoded",
          "HX-Request": "true",
        },
      });

    expect((await post("0".repeat(40))).status).toBe(403);
    expect((await call("GET", `/api/v1/orders/${order.id}`)).json.status).toBe("shipped");

    // someone else cannot confirm it
    const other = await member();
    const otherLogin = await SELF.fetch(
      await signAutologinLink("http://mall.test", env.AUTOLOGIN_SECRET, { uid: other }),
      { redirect: "manual" },
    );
    const otherCookie = (otherLogin.headers.get("set-cookie") ?? "").split(";")[0]!;
    const otherPage = await (
      await SELF.fetch("http://mall.test/me/orders", { headers: { Cookie: otherCookie } })
    ).text();
    const otherCsrf = /name="_csrf" value="([0-9a-f]+)"/.exec(otherPage)![1]!;
    expect((await post(otherCsrf, otherCookie)).status).toBe(404);

    const res = await post(csrf);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("已确认收货");
    expect(html).toContain('data-status="completed"');
    expect((await call("GET", `/api/v1/orders/${order.id}`)).json.status).toBe("completed");
  });
});
