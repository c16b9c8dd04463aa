// Shopper pages: the mall home (search + category filter + paging, each an htmx swap of <Catalog> or an
// append of the next page's cards) and item details with the redeem form. The redemption itself, the
// flash-sale page, addresses and orders live in their own route files, mounted here and in member.tsx.
import { Hono } from "hono";
import { z } from "zod";
import { CatalogRows, Catalog } from "../../views/components/catalog";
import { listingHref } from "../../views/components/category-tabs";
import { MemberBar } from "../../views/components/member-bar";
import { RedeemArea } from "../../views/components/redeem-area";
import { HomePage, homeTitle } from "../../views/pages/home-page";
import { campaignBanner } from "../campaigns/banner";
import { ItemPage } from "../../views/pages/item-page";
import { t, lazy } from "../../views/i18n";
import type { ListingView } from "../../views/components/catalog";
import type { AppEnv } from "../app-env";
import { loadHomeData } from "../catalog/home-data";
import { loadItemPageData } from "../catalog/item-page-data";
import { AppError } from "../errors";
import { liveLotteriesQuery } from "../lottery/rows";
import { GroupDeals } from "../../views/group-buy/group-deals";
import { loadMemberBar } from "../member/member-bar";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { walletRules } from "../settings/load-settings";
import { validate } from "../validate";
import { shareCsp, wechatShare } from "../wechat/share";
import { formatPointsPrice } from "../../views/format";
import { flash } from "./flash";
import { itemIdOf } from "./params";
import { redeem } from "./redeem";

const HomeQuery = z.object({
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, { error: lazy("catalog.badCategory") })
    .optional(),
  q: z
    .string()
    .max(40, { error: lazy("search.tooLong", { max: 40 }) })
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .optional(),
  page: z
    .string()
    .regex(/^[1-9][0-9]{0,3}$/, { error: lazy("catalog.badPage") })
    .optional(),
});

type HomeQuery = z.infer<typeof HomeQuery>;

function filterOf(query: HomeQuery) {
  return { category: query.category ?? null, q: query.q ? query.q : null, page: query.page ? Number(query.page) : 1 };
}

const AreaQuery = z.object({ in: z.enum(["item", "flash"]).optional() });

export const shop = new Hono<AppEnv>()
  .get("/", validate("query", HomeQuery, "BAD_FILTER"), async (c) => {
    const filter = filterOf(c.req.valid("query"));
    const now = Date.now();
    const data = await loadHomeData(c.var.db, filter, now);
    if (!data.items)
      throw new AppError("BAD_FILTER", t("catalog.unknownCategory", { category: filter.category ?? "" }));
    const listing: ListingView = { q: filter.q, page: filter.page, hasMore: data.hasMore };
    const catalog = { categories: data.categories, activeCategory: filter.category, items: data.items, listing };
    if (isHtmx(c.req.raw)) {
      return fragmentResponse(
        <Catalog {...catalog} pageTitle={homeTitle(data.mall, data.categories, filter.category, filter.q)} />,
      );
    }
    const [{ bar, summary }, share, lotteries] = await Promise.all([
      loadMemberBar(c.env, c.var.session, walletRules(data), now),
      wechatShare(
        c.env,
        { url: c.req.url, userAgent: c.req.header("User-Agent") },
        {
          title: data.mall.name,
          desc: data.mall.tagline || t("wechat.share.homeDesc", { mall: data.mall.name }),
          image: data.mall.logoUrl,
          path: "/",
        },
      ),
      liveLotteriesQuery(c.var.db, now),
    ]);
    return pageResponse(
      <HomePage
        mall={data.mall}
        flash={data.flash}
        lotteries={lotteries}
        campaigns={campaignBanner(data.rules, now, data.timeZone, summary?.birthday ?? null)}
        {...catalog}
        headerExtra={<MemberBar bar={bar} />}
        share={share}
      />,
      data.mall.brandColor,
      200,
      shareCsp(share),
    );
  })

  // 加载更多: the next page's cards (and the next pager row) for htmx to append; a browser gets the page.
  .get("/catalog", validate("query", HomeQuery, "BAD_FILTER"), async (c) => {
    const filter = filterOf(c.req.valid("query"));
    if (!isHtmx(c.req.raw)) return c.redirect(listingHref("/", filter.category, filter.q, filter.page), 303);
    const data = await loadHomeData(c.var.db, filter, Date.now());
    if (!data.items)
      throw new AppError("BAD_FILTER", t("catalog.unknownCategory", { category: filter.category ?? "" }));
    return fragmentResponse(
      <CatalogRows
        activeCategory={filter.category}
        items={data.items}
        listing={{ q: filter.q, page: filter.page, hasMore: data.hasMore }}
      />,
    );
  })

  .get("/items/:id", async (c) => {
    const itemId = itemIdOf(c.req.param("id"));
    const data = await loadItemPageData(c.env, c.var.db, c.var.session, itemId, Date.now());
    if (!data) throw new AppError("ITEM_NOT_FOUND");
    const now = Date.now();
    const action = (
      <>
        <RedeemArea itemId={itemId} form={data.form} />
        <GroupDeals deals={data.deals} now={now} csrf={data.bar.kind === "member" ? data.bar.csrf : null} />
      </>
    );
    const share = await wechatShare(
      c.env,
      { url: c.req.url, userAgent: c.req.header("User-Agent") },
      {
        title: data.item.name,
        desc: t("wechat.share.itemDesc", {
          price: formatPointsPrice(data.item.points, data.item.cashFen),
          mall: data.mall.name,
        }),
        image: data.item.images[0]?.url ?? data.mall.logoUrl,
        path: `/items/${itemId}`,
      },
    );
    return pageResponse(
      <ItemPage
        mall={data.mall}
        item={data.item}
        action={action}
        headerExtra={<MemberBar bar={data.bar} />}
        share={share}
      />,
      data.mall.brandColor,
      200,
      shareCsp(share),
    );
  })

  // The redeem area alone: htmx re-fetches it when a sale opens or closes (mall.js's countdown-done).
  .get("/items/:id/redeem", validate("query", AreaQuery, "BAD_REQUEST"), async (c) => {
    const itemId = itemIdOf(c.req.param("id"));
    if (!isHtmx(c.req.raw)) return c.redirect(`/items/${itemId}`, 303);
    const place = c.req.valid("query").in ?? "item";
    const data = await loadItemPageData(c.env, c.var.db, c.var.session, itemId, Date.now(), { place });
    if (!data) throw new AppError("ITEM_NOT_FOUND");
    return fragmentResponse(<RedeemArea itemId={itemId} form={data.form} />);
  })

  .route("/", redeem)
  .route("/", flash);
