// Seeds the demo mall when the database is empty (no settings row). Safe to call on every start.
import { DEMO_CATEGORIES, DEMO_ITEMS, DEMO_MEMBERS, DEMO_SETTINGS } from "./seed-data";
import type { NodeDb } from "./node-client";
import { categories, itemImages, items, members, settings, stockProjection } from "./schema";

const MINUTE = 60_000;

export async function seedIfEmpty(db: NodeDb, now = Date.now()): Promise<boolean> {
  const existing = await db.select({ id: settings.id }).from(settings).limit(1);
  if (existing.length > 0) return false;

  // Categories and items get explicit ids so the whole seed is one write batch (one transaction).
  const categoryId = new Map<string, number>(DEMO_CATEGORIES.map((c, i) => [c.slug, i + 1]));
  const batch = [
    db.insert(settings).values({ id: 1, ...DEMO_SETTINGS, rules: {} }),
    db.insert(categories).values(DEMO_CATEGORIES.map((c, i) => ({ id: i + 1, slug: c.slug, name: c.name, sort: i }))),
    db.insert(items).values(
      DEMO_ITEMS.map((it, i) => ({
        id: i + 1,
        sku: it.sku,
        slug: it.slug,
        name: it.name,
        description: it.description,
        type: it.type,
        categoryId: categoryId.get(it.category)!,
        points: it.points,
        cashFen: it.cashFen ?? 0,
        perMemberLimit: it.perMemberLimit ?? null,
        // The stock objects start their count from initial_stock; the projection shows the same until then.
        initialStock: it.stock,
        originalPoints: it.flash?.originalPoints ?? null,
        saleStartsAt: it.flash ? now + it.flash.startsInMinutes * MINUTE : null,
        saleEndsAt: it.flash ? now + (it.flash.startsInMinutes + it.flash.lastsHours * 60) * MINUTE : null,
        sort: i,
      })),
    ),
    db.insert(itemImages).values(
      DEMO_ITEMS.map((it, i) => ({
        itemId: i + 1,
        url: `/images/items/${it.slug}.svg`,
        width: 400,
        height: 400,
        alt: it.name,
      })),
    ),
    db.insert(stockProjection).values(DEMO_ITEMS.map((it, i) => ({ itemId: i + 1, onHand: it.stock }))),
    db.insert(members).values(DEMO_MEMBERS),
  ] as const;
  await db.batch(batch);
  return true;
}
