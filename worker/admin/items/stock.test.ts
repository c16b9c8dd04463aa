// Stock and coupon codes in the console, through the item's stock object: an adjustment with a reason is
// one change however often its form is sent (the ref rendered with it), going below zero is refused with
// the object's code; code imports count added / already present / rejected. Both audited.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { auditLog } from "../../../db/schema";
import { get, inputValue, post } from "../../shop/test-session";
import { login, OWNER } from "../test-admin";
import { createThroughForm, postMultipart, uniqueSku } from "./test-items";
import { hash32, shardRules } from "../../stock/shards";
import { stockFor } from "../../stock/stock-stub";
import { loadSaleRules } from "../../redeem/sale-rules";

const db = () => getDb(env.TURSO_DATABASE_URL);
const liveStock = (html: string) => Number(/data-live-stock="(-?[0-9]+)"/.exec(html)?.[1]);

async function stockForm(owner: string, id: number) {
  const html = await (await get(`/admin/items/${id}`, owner)).text();
  return { html, csrf: inputValue(html, "_csrf")!, ref: inputValue(html, "ref")! };
}

describe("stock and codes in the console", () => {
  it("adjusts stock once per rendered form, shows the new live stock, refuses going below zero", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const id = await createThroughForm(owner, { sku: uniqueSku("STK"), name: "库存测试", points: "10", stock: "7" });
    const first = await stockForm(owner, id);
    expect(liveStock(first.html)).toBe(7);
    expect(first.ref).toMatch(/^admin-stock-/);

    const fields = { _csrf: first.csrf, ref: first.ref, delta: "+5", reason: "到货" };
    const a = await post(`/admin/items/${id}/stock`, owner, fields);
    expect(a.status).toBe(303);
    const b = await post(`/admin/items/${id}/stock`, owner, fields); // double submit
    expect(b.status).toBe(303);
    const after = await stockForm(owner, id);
    expect(liveStock(after.html)).toBe(12);
    expect(after.ref).not.toBe(first.ref);
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, `item:${id}`), eq(auditLog.action, "item.stock_adjust")));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toMatchObject({ ref: first.ref, delta: 5, reason: "到货", available: 12 });

    const below = await post(`/admin/items/${id}/stock`, owner, {
      _csrf: after.csrf,
      ref: after.ref,
      delta: "-13",
      reason: "盘亏",
    });
    expect(below.status).toBe(409);
    const belowHtml = await below.text();
    expect(belowHtml).toContain("库存不足，不能减少这么多");
    expect(belowHtml).not.toContain("INVALID_QUANTITY");
    expect(liveStock(belowHtml)).toBe(12);

    const noReason = await post(`/admin/items/${id}/stock`, owner, {
      _csrf: after.csrf,
      ref: after.ref,
      delta: "-1",
      reason: " ",
    });
    expect(noReason.status).toBe(422);
    expect(liveStock((await stockForm(owner, id)).html)).toBe(12);
  });

  it("imports coupon codes pasted and from a CSV, counting added, already present and rejected", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const id = await createThroughForm(owner, {
      sku: uniqueSku("CPN"),
      name: "券测试",
      type: "coupon",
      points: "10",
      stock: "5",
    });
    const { csrf } = await stockForm(owner, id);
    const tag = crypto.randomUUID().slice(0, 6).toUpperCase();
    const csv = new File([`code,note\n"${tag}-C1",x\n${tag}-C2,y\n${tag}-A1,dup\n`], "codes.csv", { type: "text/csv" });
    const res = await postMultipart(
      `/admin/items/${id}/codes`,
      owner,
      { _csrf: csrf, codes: `  ${tag}-A1 \n${tag}-A1\n\nx y z\n${tag}-A2\n` },
      [{ name: "file", file: csv }],
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    // added: A1 A2 C1 C2 and the header "code" (a valid code shape); rejected: "x y z", "…"; dupes within the input are merged
    expect(html).toMatch(/data-codes-result="5\/0\/1"/);
    const again = await postMultipart(`/admin/items/${id}/codes`, owner, {
      _csrf: csrf,
      codes: `${tag}-A1\n${tag}-A3`,
    });
    expect(await again.text()).toMatch(/data-codes-result="1\/1\/0"/);
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, `item:${id}`), eq(auditLog.action, "item.codes_import")));
    expect(rows).toHaveLength(2);

    const physical = await createThroughForm(owner, { sku: uniqueSku("PHY"), name: "实物", points: "10" });
    const refused = await postMultipart(`/admin/items/${physical}/codes`, owner, { _csrf: csrf, codes: "ABCD-1234" });
    expect(refused.status).toBe(409);
  });
  it("a coupon item split over 3 shards: as many codes as units, all on one shard's hash, make every unit sellable", async () => {
    const owner = await login(OWNER.email, OWNER.password);
    const id = await createThroughForm(owner, {
      sku: uniqueSku("CPS"),
      name: "分片券",
      type: "coupon",
      points: "10",
      stock: "6",
      stockShards: "3",
    });
    const { csrf } = await stockForm(owner, id);
    const codes: string[] = [];
    while (codes.length < 6) {
      const code = `CPS-${crypto.randomUUID().slice(0, 12).toUpperCase()}`;
      if (hash32(code) % 3 === 0) codes.push(code);
    }
    const res = await postMultipart(`/admin/items/${id}/codes`, owner, { _csrf: csrf, codes: codes.join("\n") });
    expect(await res.text()).toMatch(/data-codes-result="6\/0\/0"/);
    expect(liveStock((await stockForm(owner, id)).html)).toBe(6);
    const rules = (await loadSaleRules(db(), id))!;
    const perShard = await Promise.all(
      [0, 1, 2].map(async (k) => (await stockFor(env, id, k).status({ rules: shardRules(rules, k) })).codesLeft),
    );
    expect(perShard).toEqual([2, 2, 2]); // each shard's 2 units got 2 (by hash: 6, 0, 0 — two units sellable)
    const again = await postMultipart(`/admin/items/${id}/codes`, owner, { _csrf: csrf, codes: codes.join("\n") });
    expect(await again.text()).toMatch(/data-codes-result="0\/6\/0"/);
  });
});
