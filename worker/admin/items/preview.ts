// The item as its shopper page would show it, for the console's preview: read regardless of shelf state and
// windows (the shopper's loader hides those), with live stock from the stock object.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { categories } from "../../../db/schema";
import type { ItemDetailView, MallView } from "../../../views/types";
import { readItem } from "../../api/items-rows";
import { stockState } from "../../catalog/item-cards";
import { tierNames } from "../../catalog/item-detail";
import { effectivePerMemberLimit, toSaleItem } from "../../redeem/sale-rules";
import { loadSettings } from "../../settings/load-settings";
import { stockFor } from "../../stock/stock-stub";

export async function previewItem(
  env: Env,
  db: Db,
  id: number,
  now: number,
): Promise<{ mall: MallView; item: ItemDetailView; shownToShoppers: boolean } | null> {
  const [found, settings] = await Promise.all([readItem(db, id), loadSettings(db)]);
  if (!found) return null;
  const { row, images } = found;
  const [cat, status] = await Promise.all([
    row.categoryId === null ? Promise.resolve([]) : db.select({ slug: categories.slug, name: categories.name }).from(categories).where(eq(categories.id, row.categoryId)),
    stockFor(env, id).status({ rules: toSaleItem(row).rules }),
  ]);
  const stock = Math.max(0, status.available);
  const cover = images[0] ?? { url: "/images/logo.svg", width: 400, height: 400, alt: row.name };
  const sale =
    row.saleStartsAt !== null && row.saleEndsAt !== null
      ? {
          startsAt: row.saleStartsAt,
          endsAt: row.saleEndsAt,
          now,
          state: now < row.saleStartsAt ? ("upcoming" as const) : now < row.saleEndsAt ? ("live" as const) : ("ended" as const),
          originalPoints: row.originalPoints ?? row.points,
        }
      : null;
  const item: ItemDetailView = {
    id: row.id,
    slug: row.slug,
    name: row.name,
    type: row.type,
    points: row.points,
    cashFen: row.cashFen,
    imageUrl: cover.url,
    imageWidth: cover.width,
    imageHeight: cover.height,
    stock,
    stockState: stockState(stock),
    href: `/items/${row.id}`,
    description: row.description,
    category: cat[0] ?? null,
    images: images.length ? images : [cover],
    perMemberLimit: effectivePerMemberLimit(row),
    tiers: row.tiers ?? null,
    tierNames: row.tiers ? tierNames(settings.rules, row.tiers) : null,
    sale,
  };
  const shownToShoppers = row.onShelf && (row.visibleFrom === null || row.visibleFrom <= now) && (row.visibleUntil === null || row.visibleUntil > now);
  return { mall: settings.mall, item, shownToShoppers };
}
