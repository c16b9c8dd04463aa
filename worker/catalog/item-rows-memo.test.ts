// The member item page's kept rows (./item-rows-memo.ts), through the real Worker (SELF), Turso and the
// objects: a second view within the window reads no item rows (a change made behind the mall's back, without
// a page-version bump, is not seen yet), a change that bumps the version shows at once, a physical item's
// addresses are read every time, and a guest's page is not served from it.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addresses, items } from "../../db/schema";
import { bumpPageVersion, pageVersionBumped } from "../page-cache/page-version";
import { createItem, db } from "../redeem/test-support";
import { get, login } from "../shop/test-session";
import { forgetItemRows, ITEM_ROWS_MEMO_MS } from "./item-rows-memo";

async function rename(itemId: number, name: string) {
  await db().update(items).set({ name }).where(eq(items.id, itemId));
}

describe("member item page: the item's rows kept per isolate", () => {
  it("serves the item's rows from the memo within the window, and a version bump retires them at once", async () => {
    const { itemId } = await createItem({ name: "原名商品" });
    const m = await login();
    const first = await (await get(`/items/${itemId}`, m.cookie)).text();
    expect(first).toContain("原名商品");
    expect(first).toContain(`id="balance-badge"`);

    await rename(itemId, "改名商品"); // no page-version bump: the kept rows still answer
    const kept = await (await get(`/items/${itemId}`, m.cookie)).text();
    expect(kept).toContain("原名商品");
    expect(kept).not.toContain("改名商品");
    // a guest's page (the guest cache's miss renders without the memo) reads Turso
    const guest = await (await get(`/items/${itemId}`)).text();
    expect(guest).toContain("改名商品");

    await bumpPageVersion(db(), Date.now()); // what every console/API change to an item does
    pageVersionBumped();
    const bumped = await (await get(`/items/${itemId}`, m.cookie)).text();
    expect(bumped).toContain("改名商品");
    expect(ITEM_ROWS_MEMO_MS).toBeLessThanOrEqual(5_000);
  });

  it("reads a physical item's addresses every time", async () => {
    const { itemId } = await createItem({ name: "实物商品", type: "physical", stock: 7 });
    const m = await login();
    const before = await (await get(`/items/${itemId}`, m.cookie)).text();
    expect(before).not.toContain("收件人甲");
    await db().insert(addresses).values({
      uid: m.uid,
      recipient: "收件人甲",
      phone: "13800000000",
      region: "上海市 浦东新区",
      detail: "世纪大道 1 号",
      isDefault: true,
    });
    const after = await (await get(`/items/${itemId}`, m.cookie)).text();
    expect(after).toContain("收件人甲");
    forgetItemRows();
  });
});
