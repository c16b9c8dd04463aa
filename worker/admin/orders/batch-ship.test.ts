// 批量发货 through the real Worker (SELF): a CSV upload (BOM, header, quotes, CRLF) or pasted text, each row
// shipped on its own with its outcome, the same file again changing nothing, the row cap and CSRF.
import { beforeAll, describe, expect, it } from "vitest";
import { createItem, memberWith } from "../../redeem/test-support";
import { postForm } from "../test-admin";
import { auditOf, order, outcomes, ownerSession, stored, upload, type Owner } from "./test-orders";

let owner: Owner;

beforeAll(async () => {
  owner = await ownerSession();
});

describe("batch shipping from a CSV", () => {
  let physical: number;
  let virtual: number;
  let uid: string;

  beforeAll(async () => {
    physical = (await createItem({ type: "physical", name: "批量马克杯", points: 100 })).itemId;
    virtual = (await createItem({ type: "virtual", name: "批量可颂", points: 100 })).itemId;
    uid = await memberWith(5000);
  });

  it("ships each row on its own with a per-row result; the same file again changes nothing more", async () => {
    const a = await order(uid, physical, true);
    const b = await order(uid, physical, true);
    const v = await order(uid, virtual, false);
    const csv =
      "\uFEFForderId,carrier,trackingNo\r\n" +
      `${a.id},"顺丰, 速运",SF0001112223\r\n` +
      `"${b.id}",中通快递,ZT-778899\r\n` +
      `${v.id},中通快递,ZT-778800\r\n` +
      `PMNOPE${Date.now()},中通快递,ZT-778801\r\n` +
      `${a.id},中通快递\r\n` +
      `${b.id},中通快递,no way\r\n` +
      "\r\n";
    const res = await upload(owner, csv);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(outcomes(html)).toEqual({
      2: "shipped",
      3: "shipped",
      4: "not_shippable",
      5: "not_found",
      6: "invalid",
      7: "invalid",
    });
    expect(await stored(a.id)).toMatchObject({ status: "shipped", carrier: "顺丰, 速运", trackingNo: "SF0001112223" });
    expect(await stored(b.id)).toMatchObject({ status: "shipped", carrier: "中通快递", trackingNo: "ZT-778899" });
    expect((await stored(v.id)).status).toBe("placed");
    expect(html).toContain("共 6 行：新发货 2，已发货无变化 0，失败 4");

    const again = await upload(owner, csv);
    expect(outcomes(await again.text())).toEqual({
      2: "unchanged",
      3: "unchanged",
      4: "not_shippable",
      5: "not_found",
      6: "invalid",
      7: "invalid",
    });
    for (const o of [a, b]) {
      const audit = await auditOf(o.id, "order.ship");
      expect(audit).toHaveLength(1);
      expect(audit[0]!.after).toMatchObject({ status: "shipped" });
    }
    expect(await auditOf(v.id, "order.ship")).toEqual([]);
  });

  it("takes pasted text without a header, LF line ends, trailing empty cells", async () => {
    const a = await order(uid, physical, true);
    const res = await upload(owner, `${a.id},圆通,YT12345678,,\n`, "csv");
    expect(res.status).toBe(200);
    expect(outcomes(await res.text())).toEqual({ 1: "shipped" });
    expect((await stored(a.id)).trackingNo).toBe("YT12345678");
  });

  it("refuses an empty upload and more than 500 rows as a whole (422), shipping nothing", async () => {
    const a = await order(uid, physical, true);
    const many = [
      `${a.id},圆通,YT12345678`,
      ...Array.from({ length: 500 }, (_, i) => `PMX${i},圆通,YT${String(i).padStart(8, "0")}`),
    ].join("\n");
    const res = await upload(owner, many);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("一次最多 500 行，这次有 501 行");
    expect((await stored(a.id)).status).toBe("placed");
    expect((await upload(owner, "", "csv")).status).toBe(422);
    const noCsrf = new FormData();
    noCsrf.set("csv", `${a.id},圆通,YT12345678`);
    const forged = await postForm("/admin/orders/batch-ship", owner.cookie, noCsrf);
    expect(forged.status).toBe(403);
    expect((await stored(a.id)).status).toBe("placed");
  });
});
