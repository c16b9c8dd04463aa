// Same sku + same fingerprint = the same create, answered with the same id (createItem's idempotency).
import type { CreateItemBody } from "../api/schemas";
import { createShards } from "../stock/shards";
import { bodyImages, ms, type ImageRow, type ItemWithImages } from "./rows";

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
  /** a create naming another shard count is another item (the count is fixed once created) */
  stockShards: number;
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
    f.stockShards,
  ]);
}

export function bodyFingerprint(body: CreateItemBody): string {
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
    stockShards: createShards(body),
  });
}

export function rowFingerprint({ row, images }: ItemWithImages): string {
  return fingerprint({ ...row, tiers: row.tiers ?? null, images });
}
