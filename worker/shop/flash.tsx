// 限时秒杀 (/flash): the current flash sales with their clocks, a stock badge htmx polls every 3 s (the Turso
// projection), the per-member limit and the redeem form. The sale window is enforced by the stock object
// (NOT_ON_SALE), never by the page.
import { Hono } from "hono";
import { FlashStock } from "../../views/components/flash-stock";
import { MemberBar } from "../../views/components/member-bar";
import { FlashPage } from "../../views/pages/flash-page";
import type { FlashItemView } from "../../views/pages/flash-page";
import { listAddresses } from "../addresses/addresses";
import type { AppEnv } from "../app-env";
import { loadFlashData, loadFlashStock } from "../catalog/flash-data";
import { tierNames } from "../catalog/item-detail";
import { redeemFormView } from "../catalog/redeem-view";
import { AppError } from "../errors";
import { loadMemberBar } from "../member/member-bar";
import { fragmentResponse, pageResponse } from "../render";
import { walletRules } from "../settings/load-settings";
import { itemIdOf } from "./params";

export const flash = new Hono<AppEnv>()
  .get("/flash", async (c) => {
    const now = Date.now();
    const session = c.var.session;
    const [data, addresses] = await Promise.all([
      loadFlashData(c.var.db, now),
      session ? listAddresses(c.var.db, session.uid) : Promise.resolve([]),
    ]);
    const { bar, summary } = await loadMemberBar(c.env, session, walletRules(data), now);
    const items: FlashItemView[] = data.entries.map((e) => ({
      item: e.item,
      sale: e.sale,
      perMemberLimit: e.perMemberLimit,
      redeem:
        bar.kind === "member" && summary
          ? redeemFormView({
              item: {
                ...e.item,
                sale: e.sale,
                tiers: e.tiers,
                tierNames: e.tiers ? tierNames(data.rules, e.tiers) : null,
              },
              member: { balance: summary.balance, tierKey: summary.tier.key },
              csrf: bar.csrf,
              addresses,
              now,
              place: "flash",
            })
          : null,
    }));
    return pageResponse(
      <FlashPage mall={data.mall} items={items} guest={bar.kind === "guest"} headerExtra={<MemberBar bar={bar} />} />,
      data.mall.brandColor,
    );
  })

  .get("/flash/:id/stock", async (c) => {
    const itemId = itemIdOf(c.req.param("id"));
    const stock = await loadFlashStock(c.var.db, itemId, Date.now());
    if (!stock) throw new AppError("ITEM_NOT_FOUND");
    return fragmentResponse(<FlashStock itemId={itemId} stock={stock.stock} live={stock.live} />);
  });
