// Create: item + images + stock projection in one write batch, idempotent on sku.
import { asc, eq, inArray, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { categories, itemImages, items, stockProjection, stockShardProjection } from "../../db/schema";
import { createShards, shareOf } from "../stock/shards";
import type { CreateItemBody } from "../api/schemas";
import { bumpPageVersion, pageVersionBumped } from "../page-cache/page-version";
import { settingsQuery } from "../settings/load-settings";
import { bodyFingerprint, rowFingerprint } from "./fingerprint";
import { checkReferences } from "./references";
import { bodyImages, ms } from "./rows";
import { fallbackSlugOf, slugOf } from "./slug";
import { isUniqueViolation } from "../db-errors";
import type { ItemInvalid, ItemRefusal } from "./refusals";

export type CreateItemOutcome =
  | { ok: true; id: number; created: boolean }
  | ItemInvalid
  | Extract<ItemRefusal, { code: "SKU_TAKEN" }>;

/**
 * Creates the item, its images and its stock projection in one write batch. The same sku with the same
 * body again answers the first id and writes nothing; a taken sku with another body is SKU_TAKEN. Two
 * creates racing on one sku: the loser's batch fails on the unique sku as a whole (nothing of it is
 * written) and it answers as if it had come second.
 */
export async function createItem(
  db: Db,
  body: CreateItemBody,
  now: number,
  /** more statements for the same write batch (the console's audit row), written only with a new item */
  extra: BatchItem<"sqlite">[] = [],
): Promise<CreateItemOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const slug = slugOf(body.sku);
    const altSlug = await fallbackSlugOf(body.sku);
    const [taken, images, settingsRows, categoryRows] = await db.batch([
      db
        .select()
        .from(items)
        .where(or(eq(items.sku, body.sku), inArray(items.slug, [slug, altSlug]))),
      db
        .select({ url: itemImages.url, width: itemImages.width, height: itemImages.height, alt: itemImages.alt })
        .from(itemImages)
        .innerJoin(items, eq(items.id, itemImages.itemId))
        .where(eq(items.sku, body.sku))
        .orderBy(asc(itemImages.sort), asc(itemImages.id)),
      settingsQuery(db),
      db
        .select({ id: categories.id })
        .from(categories)
        .where(eq(categories.id, body.categoryId ?? -1)),
    ]);
    const existing = taken.find((r) => r.sku === body.sku);
    if (existing) {
      if (rowFingerprint({ row: existing, images }) === bodyFingerprint(body))
        return { ok: true, id: existing.id, created: false };
      return { ok: false, code: "SKU_TAKEN", sku: body.sku, takenBy: existing.id };
    }
    const invalid = checkReferences(body, settingsRows[0], categoryRows.length > 0);
    if (invalid) return invalid;
    const freeSlug = [slug, altSlug].find((s) => !taken.some((r) => r.slug === s));
    if (!freeSlug) return { ok: false, code: "SKU_TAKEN", sku: body.sku, slugTaken: true };

    const itemIdOfSku = sql<number>`(select ${items.id} from ${items} where ${items.sku} = ${body.sku})`;
    const imgs = bodyImages(body, body.name);
    const shards = createShards(body);
    const stmts: BatchItem<"sqlite">[] = [
      db
        .insert(items)
        .values({
          sku: body.sku,
          slug: freeSlug,
          name: body.name,
          description: body.description ?? "",
          type: body.type,
          categoryId: body.categoryId ?? null,
          points: body.points,
          cashFen: body.cashFen ?? 0,
          originalPoints: body.originalPoints ?? null,
          perMemberLimit: body.perMemberLimit ?? null,
          visibleFrom: ms(body.visibleFrom),
          visibleUntil: ms(body.visibleUntil),
          saleStartsAt: ms(body.saleStartsAt),
          saleEndsAt: ms(body.saleEndsAt),
          tiers: body.tiers ?? null,
          initialStock: body.stock,
          stockShards: shards,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: items.id }),
      db
        .insert(stockProjection)
        .values({ itemId: itemIdOfSku, onHand: body.stock, held: 0, sold: 0, version: 0, updatedAt: now }),
      // each shard's row at its share, so the sum reads the whole stock before every shard has pushed its own
      db.insert(stockShardProjection).values(
        Array.from({ length: shards }, (_, k) => ({
          itemId: itemIdOfSku,
          shard: k,
          onHand: shareOf(body.stock, shards, k),
          version: 0,
          updatedAt: now,
        })),
      ),
    ];
    if (imgs.length)
      stmts.push(db.insert(itemImages).values(imgs.map((img, sort) => ({ itemId: itemIdOfSku, ...img, sort }))));
    stmts.push(...extra, bumpPageVersion(db, now)); // a new item shows on the guest listings
    try {
      const [inserted] = (await db.batch(stmts as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as [
        { id: number }[],
      ];
      pageVersionBumped();
      return { ok: true, id: inserted[0]!.id, created: true };
    } catch (err) {
      if (!isUniqueViolation(err, "items")) throw err;
      // Another create of this sku (or slug) won the race: look again.
    }
  }
  throw new Error(`createItem: could not settle sku ${body.sku}`);
}
