// Shopper pages: the mall home (with the category filter as an htmx swap of <Catalog>) and item details.
import { Hono } from "hono";
import { z } from "zod";
import { Catalog } from "../../views/components/catalog";
import { MemberBar } from "../../views/components/member-bar";
import { HomePage, homeTitle } from "../../views/pages/home-page";
import { ItemPage } from "../../views/pages/item-page";
import type { AppEnv } from "../app-env";
import { loadHomeData } from "../catalog/home-data";
import { loadItemDetail } from "../catalog/item-detail";
import { AppError } from "../errors";
import { loadMemberBar } from "../member/member-bar";
import { walletRules } from "../settings/load-settings";
import { isHtmx } from "../request-kind";
import { fragmentResponse, pageResponse } from "../render";
import { validate } from "../validate";

const HomeQuery = z.object({
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, "分类参数格式不对")
    .optional(),
});

const ItemParams = z.object({ id: z.string().regex(/^[1-9][0-9]{0,9}$/) });

export const shop = new Hono<AppEnv>()
  .get("/", validate("query", HomeQuery, "BAD_FILTER"), async (c) => {
    const { category = null } = c.req.valid("query");
    const data = await loadHomeData(c.var.db, category, Date.now());
    if (!data.items) throw new AppError("BAD_FILTER", `没有「${category}」这个分类`);
    const catalog = { categories: data.categories, activeCategory: category, items: data.items };
    if (isHtmx(c.req.raw)) {
      return fragmentResponse(<Catalog {...catalog} pageTitle={homeTitle(data.mall, data.categories, category)} />);
    }
    const { bar } = await loadMemberBar(c.env, c.var.session, walletRules(data), Date.now());
    return pageResponse(<HomePage mall={data.mall} flash={data.flash} {...catalog} headerExtra={<MemberBar bar={bar} />} />, data.mall.brandColor);
  })
  .get("/items/:id", async (c) => {
    const params = ItemParams.safeParse(c.req.param());
    if (!params.success) throw new AppError("ITEM_NOT_FOUND");
    const data = await loadItemDetail(c.var.db, Number(params.data.id), Date.now());
    if (!data.item) throw new AppError("ITEM_NOT_FOUND");
    const { bar } = await loadMemberBar(c.env, c.var.session, walletRules(data), Date.now());
    return pageResponse(<ItemPage mall={data.mall} item={data.item} headerExtra={<MemberBar bar={bar} />} />, data.mall.brandColor);
  });
