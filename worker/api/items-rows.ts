// The catalogue tables as the items API writes them: create (item + images + stock projection in one
// write batch, idempotent on sku), patch, and the item with its images. Stock itself is the stock
// object's (docs/architecture.md §2): here only the starting count (items.initial_stock) and its first projection.
import { asc, eq, inArray, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { categories, itemImages, items, orders, stockProjection } from "../../db/schema";
import { settingsQuery, toMallSettings } from "../settings/load-settings";
import type { CreateItemBody, PatchItemBody } from "./schemas";

export type ItemRow = typeof items.$inferSelect;
export type ImageRow = { url: string; width: number; height: number; alt: string };
export type ItemWithImages = { row: ItemRow; images: ImageRow[] };

const ms = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

/** The item's slug, derived from its sku: lowercase, runs of anything else as "-". */
export function slugOf(sku: string): string {
  return (
    sku
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "item"
  );
}

/** The slug used when slugOf(sku) belongs to another sku ("A_B" and "A-B" both give "a-b"). */
export async function fallbackSlugOf(sku: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(sku)));
  const hex = Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${slugOf(sku)}-${hex}`;
}

/** What a create body says about an item, in the form stored rows are compared with (same sku + same
 *  fingerprint = the same create, answered with the same id). */
function fingerprint(f: {
  name: string;
  type: string;
  points: number;
  initialStock: number;
  categoryId: number | null;
  perMemberLimit: number | null;
  saleStartsAt: number | null;
  saleEndsAt: number | null;
  visibleFrom: number | null;
  visibleUntil: number | null;
  tiers: string[] | null;
  description: string;
  cashFen: number;
  originalPoints: number | null;
  images: ImageRow[];
}): string {
  return JSON.stringify([
    f.name,
    f.type,
    f.points,
    f.initialStock,
    f.categoryId,
    f.perMemberLimit,
    f.saleStartsAt,
    f.saleEndsAt,
    f.visibleFrom,
    f.visibleUntil,
    f.tiers,
    f.description,
    f.cashFen,
    f.originalPoints,
    f.images.map((i) => [i.url, i.width, i.height, i.alt]),
  ]);
}

function bodyImages(body: { images?: CreateItemBody["images"] }, name: string): ImageRow[] {
  return (body.images ?? []).map((i) => ({ url: i.url, width: i.width, height: i.height, alt: i.alt ?? name }));
}

function bodyFingerprint(body: CreateItemBody): string {
  return fingerprint({
    name: body.name,
    type: body.type,
    points: body.points,
    initialStock: body.stock,
    categoryId: body.categoryId ?? null,
    perMemberLimit: body.perMemberLimit ?? null,
    saleStartsAt: ms(body.saleStartsAt),
    saleEndsAt: ms(body.saleEndsAt),
    visibleFrom: ms(body.visibleFrom),
    visibleUntil: ms(body.visibleUntil),
    tiers: body.tiers ?? null,
    description: body.description ?? "",
    cashFen: body.cashFen ?? 0,
    originalPoints: body.originalPoints ?? null,
    images: bodyImages(body, body.name),
  });
}

function rowFingerprint({ row, images }: ItemWithImages): string {
  return fingerprint({ ...row, tiers: row.tiers ?? null, images });
}

export type CreateItemOutcome =
  | { ok: true; id: number; created: boolean }
  | { ok: false; code: "SKU_TAKEN" | "VALIDATION_FAILED"; message: string };

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
      if (rowFingerprint({ row: existing, images }) === bodyFingerprint(body)) return { ok: true, id: existing.id, created: false };
      return { ok: false, code: "SKU_TAKEN", message: `sku ${body.sku} 已用于商品 ${existing.id}（内容不同）` };
    }
    const invalid = checkReferences(body, settingsRows[0], categoryRows.length > 0);
    if (invalid) return { ok: false, code: "VALIDATION_FAILED", message: invalid };
    const freeSlug = [slug, altSlug].find((s) => !taken.some((r) => r.slug === s));
    if (!freeSlug) return { ok: false, code: "SKU_TAKEN", message: `sku ${body.sku} 生成的 slug 已被占用` };

    const itemIdOfSku = sql<number>`(select ${items.id} from ${items} where ${items.sku} = ${body.sku})`;
    const imgs = bodyImages(body, body.name);
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
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: items.id }),
      db.insert(stockProjection).values({ itemId: itemIdOfSku, onHand: body.stock, held: 0, sold: 0, version: 0, updatedAt: now }),
    ];
    if (imgs.length) stmts.push(db.insert(itemImages).values(imgs.map((img, sort) => ({ itemId: itemIdOfSku, ...img, sort }))));
    stmts.push(...extra);
    try {
      const [inserted] = (await db.batch(stmts as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]])) as [{ id: number }[]];
      return { ok: true, id: inserted[0]!.id, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Another create of this sku (or slug) won the race: look again.
    }
  }
  throw new Error(`createItem: could not settle sku ${body.sku}`);
}

/** References a create or patch makes that the schema cannot check: the category and the tier keys. */
function checkReferences(
  body: { categoryId?: number | null; tiers?: string[] | null },
  settingsRow: Parameters<typeof toMallSettings>[0],
  categoryExists: boolean,
): string | null {
  if (body.categoryId != null && !categoryExists) return `categoryId: 没有编号为 ${body.categoryId} 的分类`;
  if (body.tiers) {
    const known = new Set(toMallSettings(settingsRow).rules.tiers.map((t) => t.key));
    const unknown = body.tiers.find((k) => !known.has(k));
    if (unknown !== undefined) return `tiers: 没有「${unknown}」这个会员等级（可用：${[...known].join("、")}）`;
  }
  return null;
}

export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { message, code } = e as { message?: unknown; code?: unknown };
    if (typeof message === "string" && /UNIQUE constraint failed/i.test(message)) return true;
    if (typeof code === "string" && /CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(code)) return true;
  }
  return false;
}

export async function readItem(db: Db, id: number): Promise<ItemWithImages | null> {
  const [rows, images] = await db.batch([
    db.select().from(items).where(eq(items.id, id)).limit(1),
    db
      .select({ url: itemImages.url, width: itemImages.width, height: itemImages.height, alt: itemImages.alt })
      .from(itemImages)
      .where(eq(itemImages.itemId, id))
      .orderBy(asc(itemImages.sort), asc(itemImages.id)),
  ]);
  return rows[0] ? { row: rows[0], images } : null;
}

export type PatchItemOutcome =
  | { ok: true }
  | { ok: false; code: "ITEM_NOT_FOUND" | "VALIDATION_FAILED" | "TYPE_LOCKED"; message: string };

/** Applies a patch in one write batch after checking it against the item as it stands (windows whole,
 *  category and tiers known, the type only while the item has no orders). */
export async function patchItem(
  db: Db,
  id: number,
  patch: PatchItemBody,
  now: number,
  /** more statements for the same write batch, given the row before and the fields after (the audit row) */
  extra?: (before: ItemRow, after: Omit<ItemRow, "id" | "sku" | "slug" | "initialStock" | "sort" | "createdAt">) => BatchItem<"sqlite">[],
): Promise<PatchItemOutcome> {
  const [rows, settingsRows, categoryRows, orderRows] = await db.batch([
    db.select().from(items).where(eq(items.id, id)).limit(1),
    settingsQuery(db),
    db
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.id, patch.categoryId ?? -1)),
    db.select({ id: orders.id }).from(orders).where(eq(orders.itemId, id)).limit(1),
  ]);
  const row = rows[0];
  if (!row) return { ok: false, code: "ITEM_NOT_FOUND", message: `没有编号为 ${id} 的商品` };

  const pick = <K extends keyof PatchItemBody, V>(key: K, current: V, map: (v: Exclude<PatchItemBody[K], undefined>) => V): V =>
    patch[key] === undefined ? current : map(patch[key] as Exclude<PatchItemBody[K], undefined>);
  const next = {
    name: pick("name", row.name, (v) => v),
    type: pick("type", row.type, (v) => v),
    points: pick("points", row.points, (v) => v),
    categoryId: pick("categoryId", row.categoryId, (v) => v),
    perMemberLimit: pick("perMemberLimit", row.perMemberLimit, (v) => v),
    saleStartsAt: pick("saleStartsAt", row.saleStartsAt, ms),
    saleEndsAt: pick("saleEndsAt", row.saleEndsAt, ms),
    visibleFrom: pick("visibleFrom", row.visibleFrom, ms),
    visibleUntil: pick("visibleUntil", row.visibleUntil, ms),
    tiers: pick("tiers", row.tiers ?? null, (v) => v),
    description: pick("description", row.description, (v) => v),
    cashFen: pick("cashFen", row.cashFen, (v) => v),
    originalPoints: pick("originalPoints", row.originalPoints, (v) => v),
    onShelf: pick("onShelf", row.onShelf, (v) => v),
    updatedAt: now,
  };
  if ((next.saleStartsAt === null) !== (next.saleEndsAt === null)) {
    const missing = next.saleStartsAt === null ? "saleStartsAt" : "saleEndsAt";
    return { ok: false, code: "VALIDATION_FAILED", message: `${missing}: saleStartsAt 与 saleEndsAt 须同时设置或同时清除` };
  }
  if (next.saleStartsAt !== null && next.saleEndsAt !== null && next.saleStartsAt >= next.saleEndsAt) {
    return { ok: false, code: "VALIDATION_FAILED", message: "saleEndsAt: 须晚于 saleStartsAt" };
  }
  if (next.visibleFrom !== null && next.visibleUntil !== null && next.visibleFrom >= next.visibleUntil) {
    return { ok: false, code: "VALIDATION_FAILED", message: "visibleUntil: 须晚于 visibleFrom" };
  }
  const invalid = checkReferences(patch, settingsRows[0], categoryRows.length > 0);
  if (invalid) return { ok: false, code: "VALIDATION_FAILED", message: invalid };
  if (next.type !== row.type && orderRows.length > 0) {
    return { ok: false, code: "TYPE_LOCKED", message: `商品已有订单，不能从 ${row.type} 改为 ${next.type}` };
  }

  const stmts: BatchItem<"sqlite">[] = [db.update(items).set(next).where(eq(items.id, id))];
  if (patch.images !== undefined) {
    stmts.push(db.delete(itemImages).where(eq(itemImages.itemId, id)));
    const imgs = bodyImages(patch, next.name);
    if (imgs.length) stmts.push(db.insert(itemImages).values(imgs.map((img, sort) => ({ itemId: id, ...img, sort }))));
  }
  if (extra) stmts.push(...extra(row, next));
  await db.batch(stmts as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return { ok: true };
}

