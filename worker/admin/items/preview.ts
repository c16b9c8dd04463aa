// The item as its shopper page would show it, for the console's preview: read regardless of shelf state and
// windows (the shopper's loader hides those), with live stock from the stock object.
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { categories } from "../../../db/schema";
import type { MallView } from "../../../views/layout";
import type { ItemDetailView } from "../../../views/pages/item-page";
import { readItem } from "../../items";
import { toItemDetail } from "../../catalog/item-detail";
import { toSaleItem } from "../../redeem/sale-rules";
import { loadSettings } from "../../settings/load-settings";
import { stockOf } from "../../stock/item-stocks";

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
    row.categoryId === null
      ? Promise.resolve([])
      : db
          .select({ slug: categories.slug, name: categories.name })
          .from(categories)
          .where(eq(categories.id, row.categoryId)),
    stockOf(env, id).status({ rules: toSaleItem(row).rules }),
  ]);
  const cover = images[0];
  const item = toItemDetail(
    {
      ...row,
      onHand: status.available,
      imageUrl: cover?.url ?? null,
      imageWidth: cover?.width ?? null,
      imageHeight: cover?.height ?? null,
      tiers: row.tiers ?? null,
      category: cat[0] ?? null,
      images,
    },
    settings.rules,
    now,
  );
  const shownToShoppers =
    row.onShelf &&
    (row.visibleFrom === null || row.visibleFrom <= now) &&
    (row.visibleUntil === null || row.visibleUntil > now);
  return { mall: settings.mall, item, shownToShoppers };
}
