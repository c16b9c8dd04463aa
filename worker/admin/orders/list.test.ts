// 订单's list in the console through the real Worker (SELF): filters (state, item, member, local dates),
// paging with htmx or plain links, a bad filter's 422, and the CSV export of a filter (BOM, quoting, the
// formula guard). The database is shared: the orders are this file's own, nothing global is counted.
import { beforeAll, describe, expect, it } from "vitest";
import { orders } from "../../../db/schema";
import { createItem, db, memberWith } from "../../redeem/test-support";
import { get, HX } from "../../shop/test-session";
import { loadSettings } from "../../settings/load-settings";
import { startOfLocalDay } from "../../wallet/local-time";
import { order, ownerSession, rowIds, type Owner } from "./test-orders";

let owner: Owner;

beforeAll(async () => {
  owner = await ownerSession();
});

describe("the list", () => {
  const uid = `ao-${crypto.randomUUID()}`;
  let itemA: number;
  let itemB: number;
  const ids: string[] = []; // newest first
  const T0 = Date.UTC(2026, 0, 15, 12, 0); // 2026-01-15 20:00 in Shanghai

  beforeAll(async () => {
    itemA = (await createItem({ type: "physical", name: "列表测试 A" })).itemId;
    itemB = (await createItem({ type: "virtual", name: "列表测试 B" })).itemId;
    // 25 orders, one a minute back from T0; every fifth one of item B and shipped
    const rows = Array.from({ length: 25 }, (_, i) => ({
      id: `AO${crypto.randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase()}`,
      key: crypto.randomUUID(),
      uid,
      itemId: i % 5 === 0 ? itemB : itemA,
      itemName: i % 5 === 0 ? "列表测试 B" : "列表测试 A",
      itemType: i % 5 === 0 ? ("virtual" as const) : ("physical" as const),
      qty: 1,
      points: 100,
      status: i % 5 === 0 ? ("fulfilled" as const) : ("placed" as const),
      createdAt: T0 - i * 60_000,
      updatedAt: T0 - i * 60_000,
    }));
    await db().insert(orders).values(rows);
    ids.push(...rows.map((r) => r.id));
  });

  it("shows a member's orders newest first, 20 a page, and loads the rest with htmx or a plain link", async () => {
    const res = await get(`/admin/orders?uid=${uid}`, owner.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(rowIds(html)).toEqual(ids.slice(0, 20));
    expect(html).toContain("列表测试 A × 1");
    expect(html).toContain("100 积分");
    expect(html).toContain('data-status="placed"');
    const more = /<a href="(\/admin\/orders\?[^"]+)" hx-get="(\/admin\/orders\/rows\?[^"]+)"/.exec(html);
    expect(more).not.toBeNull();
    const unescapeAmp = (s: string) => s.replace(/&amp;/g, "&");
    const frag = await get(unescapeAmp(more![2]!), owner.cookie, HX);
    expect(frag.status).toBe(200);
    const fragHtml = await frag.text();
    expect(fragHtml).not.toContain("<html");
    expect(rowIds(fragHtml)).toEqual(ids.slice(20));
    expect(fragHtml).not.toContain("data-more");
    const page2 = await get(unescapeAmp(more![1]!), owner.cookie);
    expect(page2.status).toBe(200);
    expect(rowIds(await page2.text())).toEqual(ids.slice(20));
  });

  it("filters by state, by item and by a date range in the merchant's time zone", async () => {
    const byStatus = rowIds(await (await get(`/admin/orders?uid=${uid}&status=fulfilled`, owner.cookie)).text());
    expect(byStatus).toEqual(ids.filter((_, i) => i % 5 === 0));
    const byItem = rowIds(
      await (await get(`/admin/orders?uid=${uid}&itemId=${itemA}&status=placed`, owner.cookie)).text(),
    );
    expect(byItem).toEqual(ids.filter((_, i) => i % 5 !== 0).slice(0, 20));

    const { timeZone } = await loadSettings(db());
    // the local day of T0 holds all 25 (they span 24 minutes before it, all the same local day here)
    const day = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(T0);
    const start = startOfLocalDay(day, timeZone);
    const inDay = ids.filter((_, i) => T0 - i * 60_000 >= start);
    expect(inDay.length).toBeGreaterThan(0);
    const sameDay = rowIds(await (await get(`/admin/orders?uid=${uid}&from=${day}&to=${day}`, owner.cookie)).text());
    expect(sameDay).toEqual(inDay.slice(0, 20));
    // the day after and the day before: none of them
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const prev = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const after = await (await get(`/admin/orders?uid=${uid}&from=${next}`, owner.cookie)).text();
    expect(rowIds(after)).toEqual([]);
    expect(after).toContain("data-empty");
    expect(rowIds(await (await get(`/admin/orders?uid=${uid}&to=${prev}`, owner.cookie)).text())).toEqual(
      ids.filter((_, i) => T0 - i * 60_000 < start),
    );
  });

  it("cuts the days at the merchant's local midnight", async () => {
    const { timeZone } = await loadSettings(db());
    const midnight = startOfLocalDay("2026-01-16", timeZone);
    const other = `ao-${crypto.randomUUID()}`;
    const at = (createdAt: number) => ({
      id: `AO${crypto.randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase()}`,
      key: crypto.randomUUID(),
      uid: other,
      itemId: itemA,
      itemName: "列表测试 A",
      qty: 1,
      points: 100,
      status: "placed" as const,
      createdAt,
      updatedAt: createdAt,
    });
    const [before, after] = [at(midnight - 60_000), at(midnight + 60_000)];
    await db().insert(orders).values([before, after]);
    expect(
      rowIds(await (await get(`/admin/orders?uid=${other}&from=2026-01-16&to=2026-01-16`, owner.cookie)).text()),
    ).toEqual([after.id]);
    expect(rowIds(await (await get(`/admin/orders?uid=${other}&to=2026-01-15`, owner.cookie)).text())).toEqual([
      before.id,
    ]);
    expect(rowIds(await (await get(`/admin/orders?uid=${other}&from=2026-01-15`, owner.cookie)).text())).toEqual([
      after.id,
      before.id,
    ]);
  });

  it("answers an invalid filter with 422 and its message, keeping what was typed", async () => {
    const res = await get(`/admin/orders?uid=${uid}&from=2026-02-30`, owner.cookie);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("起始日期：须为有效日期");
    expect(html).toContain('value="2026-02-30"');
    expect((await get(`/admin/orders?from=2026-03-02&to=2026-03-01`, owner.cookie)).status).toBe(422);
    expect((await get(`/admin/orders?itemId=abc`, owner.cookie)).status).toBe(422);
    expect((await get(`/admin/orders?cursor=nope!`, owner.cookie)).status).toBe(422);
    expect((await get(`/admin/orders/rows?status=lost`, owner.cookie, HX)).status).toBe(422);
  });

  it("is for signed-in admins only", async () => {
    const res = await get("/admin/orders");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/login");
  });

  it("exports every matching order (not just a page) as an Excel-ready CSV", async () => {
    const res = await get(`/admin/orders/export.csv?uid=${uid}`, owner.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toMatch(/^订单号,下单时间,会员ID,/);
    expect(lines.slice(1, -1).map((l) => l.split(",")[0])).toEqual(ids);
  });
});

describe("the CSV export's quoting", () => {
  it("quotes commas, quotes and line breaks, and guards cells a spreadsheet would run as formulas", async () => {
    const uid = await memberWith(1000, "=cmd|' /C calc'!A0");
    const evil = (await createItem({ type: "virtual", name: '=HYPERLINK("http://x","点我")', points: 10 })).itemId;
    const odd = (await createItem({ type: "virtual", name: '拿铁, "大杯"\n加浓', points: 10 })).itemId;
    const at = (await createItem({ type: "virtual", name: "@SUM(A1)", points: 10 })).itemId;
    await order(uid, evil, false);
    await order(uid, odd, false);
    await order(uid, at, false);
    const res = await get(`/admin/orders/export.csv?uid=${encodeURIComponent(uid)}`, owner.cookie);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(text).toContain(`"拿铁, ""大杯""\n加浓"`);
    expect(text).toContain(`,'@SUM(A1),`);
    // the uid starts with = too: guarded in every row
    expect(text.split(`'=cmd|' /C calc'!A0`).length - 1).toBe(3);
    expect(text).not.toMatch(/(^|,)=/m);
  });
});
