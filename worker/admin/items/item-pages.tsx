// Renders the item pages of the console from the request's context: the edit/create page with its form
// values, errors and (for an existing item) its live stock from the stock object.
import { asc } from "drizzle-orm";
import type { Context } from "hono";
import { categories } from "../../../db/schema";
import { AdminItemEditPage, type AdminItemEditPageProps } from "../../../views/admin/items/item-edit-page";
import type { CategoryOption, ItemFormValues, TierOption } from "../../../views/admin/items/types";
import type { StockPanelView } from "../../../views/admin/items/stock-panel";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { readItem, type ItemWithImages } from "../../items";
import { toSaleItem } from "../../redeem/sale-rules";
import { pageResponse } from "../../render";
import { loadSettings, type MallSettings } from "../../settings/load-settings";
import { stockOf } from "../../stock/item-stocks";
import { meView } from "../context";
import { emptyItemForm } from "./item-form";
import { toLocalInput } from "./zoned-time";

type Status = 200 | 409 | 422;

export async function formContext(
  c: Context<AppEnv>,
): Promise<{ settings: MallSettings; categories: CategoryOption[]; tiers: TierOption[] }> {
  const [settings, cats] = await Promise.all([
    loadSettings(c.var.db),
    c.var.db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .orderBy(asc(categories.sort), asc(categories.id)),
  ]);
  return {
    settings,
    categories: cats,
    tiers: settings.rules.tiers.map((tier) => ({ key: tier.key, name: tier.name })),
  };
}

/** The form as the stored item fills it. */
export function valuesOf({ row, images }: ItemWithImages, timeZone: string): ItemFormValues {
  const time = (ms: number | null) => (ms === null ? "" : toLocalInput(ms, timeZone));
  return {
    ...emptyItemForm(),
    sku: row.sku,
    name: row.name,
    type: row.type,
    description: row.description,
    categoryId: row.categoryId === null ? "" : String(row.categoryId),
    points: String(row.points),
    cashYuan: row.cashFen ? (row.cashFen / 100).toFixed(2) : "",
    originalPoints: row.originalPoints === null ? "" : String(row.originalPoints),
    perMemberLimit: row.perMemberLimit === null ? "" : String(row.perMemberLimit),
    stockShards: String(row.stockShards),
    visibleFrom: time(row.visibleFrom),
    visibleUntil: time(row.visibleUntil),
    saleStartsAt: time(row.saleStartsAt),
    saleEndsAt: time(row.saleEndsAt),
    tiers: row.tiers ?? [],
    images,
  };
}

/** A fresh idempotency ref for the stock form (a double submit of one render is one adjustment). */
export const newAdjustRef = () => `admin-stock-${crypto.randomUUID()}`;

export async function stockPanelOf(env: Env, item: ItemWithImages): Promise<StockPanelView> {
  const s = await stockOf(env, item.row.id).status({ rules: toSaleItem(item.row).rules });
  return {
    available: Math.max(0, s.available),
    held: s.held,
    sold: s.sold,
    codesLeft: s.codesLeft,
    adjustRef: newAdjustRef(),
  };
}

/** The form's own props: what the create and edit pages pass on top of the shared layout and options. */
type PageOwn = Omit<AdminItemEditPageProps, "brandColor" | "timeZone" | "me" | "categories" | "tiers">;

async function itemPage(
  c: Context<AppEnv>,
  ctx: Awaited<ReturnType<typeof formContext>>,
  own: PageOwn,
  status: Status,
) {
  const me = await meView(c);
  const { brandColor } = ctx.settings.mall;
  return pageResponse(
    <AdminItemEditPage
      {...own}
      brandColor={brandColor}
      timeZone={ctx.settings.timeZone}
      me={me}
      categories={ctx.categories}
      tiers={ctx.tiers}
    />,
    brandColor,
    status,
  );
}

export async function createPage(
  c: Context<AppEnv>,
  values: ItemFormValues,
  errors: AdminItemEditPageProps["errors"] = {},
  status: Status = 200,
) {
  return itemPage(c, await formContext(c), { mode: "create", values, errors }, status);
}

export type EditExtras = Partial<Pick<AdminItemEditPageProps, "errors" | "stockError" | "codes" | "notice">> & {
  values?: ItemFormValues;
};

/** The edit page of item `id` (the stored values unless a refused form's are given). */
export async function editPage(c: Context<AppEnv>, id: number, extras: EditExtras = {}, status: Status = 200) {
  const [item, ctx] = await Promise.all([readItem(c.var.db, id), formContext(c)]);
  if (!item) throw new AppError("ITEM_NOT_FOUND");
  const stock = await stockPanelOf(c.env, item);
  const values = extras.values
    ? { ...extras.values, sku: item.row.sku, stockShards: String(item.row.stockShards) }
    : valuesOf(item, ctx.settings.timeZone);
  return itemPage(
    c,
    ctx,
    {
      mode: "edit",
      values,
      errors: extras.errors ?? {},
      item: { id, onShelf: item.row.onShelf, type: item.row.type },
      stock,
      stockError: extras.stockError,
      codes: extras.codes,
      notice: extras.notice,
    },
    status,
  );
}
