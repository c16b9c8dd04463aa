// Merchant API: the catalogue's items (/api/v1/items/…). Item fields live in Turso; stock, holds and the
// coupon-code pool are the item's stock object's (docs/architecture.md §2), so live stock, stock changes and code
// imports go through it (stockOf), with the sale rules read from Turso (loadSaleRules). Every change is
// audited with the calling token as actor, as the console audits its own: Turso changes in their write batch,
// stock-object changes after the object answered (an adjustment once per ref, a code import when it added).
import { forgetSoldOut } from "../redeem/sold-out-memo";
import { bumpPageVersion, pageVersionBumped } from "../page-cache/page-version";
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { auditEntry } from "../audit/audit-log";
import { createAudit, itemDiff, itemTarget, stockAdjustAudit } from "../audit/item-audit";
import { AppError, ERROR_CODES, type ErrorCode } from "../errors";
import { loadSaleRules, toSaleItem } from "../redeem/sale-rules";
import { stockOf } from "../stock/item-stocks";
import { shardCount, shardRules } from "../stock/shards";
import { stockFor } from "../stock/stock-stub";
import type { StockStatus } from "../stock/types";
import { validate } from "../validate";
import { apiAuth } from "./auth";
import { createItem, patchItem, readItem, type ItemWithImages } from "../items";
import { itemRefusalText } from "../outcome-text";
import { refOnce } from "./idempotency";
import { jsonBody } from "./json-body";
import {
  AddCodesBody,
  CreateItemBody,
  ItemIdParams,
  PatchItemRequest,
  StockAdjustBody,
  type AddCodesResult,
  type ItemShardsView,
  type ItemView,
  type StockStatusView,
} from "./schemas";
import { t } from "../../views/i18n";
import { refusalText } from "../object-text";

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function toItemView({ row, images }: ItemWithImages, stock: StockStatus): ItemView {
  return {
    id: row.id,
    sku: row.sku,
    slug: row.slug,
    name: row.name,
    description: row.description,
    type: row.type,
    categoryId: row.categoryId,
    points: row.points,
    cashFen: row.cashFen,
    originalPoints: row.originalPoints,
    perMemberLimit: row.perMemberLimit,
    saleStartsAt: isoOrNull(row.saleStartsAt),
    saleEndsAt: isoOrNull(row.saleEndsAt),
    visibleFrom: isoOrNull(row.visibleFrom),
    visibleUntil: isoOrNull(row.visibleUntil),
    tiers: row.tiers ?? null,
    onShelf: row.onShelf,
    images,
    initialStock: row.initialStock,
    stockShards: row.stockShards,
    stock: { available: stock.available, held: stock.held, sold: stock.sold, codesLeft: stock.codesLeft },
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function statusView(s: StockStatus): StockStatusView {
  return {
    itemId: s.itemId,
    available: s.available,
    held: s.held,
    sold: s.sold,
    codesLeft: s.codesLeft,
    version: s.version,
  };
}

/** The item as the API shows it: Turso's fields with the stock object's exact counts (the sale rules the
 *  object needs come from the same row, as the redemption reads them). */
async function itemWithLiveStock(env: Env, db: AppEnv["Variables"]["db"], id: number): Promise<ItemView> {
  const item = await readItem(db, id);
  if (!item) throw new AppError("ITEM_NOT_FOUND");
  return toItemView(item, await stockOf(env, id).status({ rules: toSaleItem(item.row).rules }));
}

async function rulesOf(db: AppEnv["Variables"]["db"], id: number) {
  const rules = await loadSaleRules(db, id);
  if (!rules) throw new AppError("ITEM_NOT_FOUND");
  return rules;
}

export const itemsApi = new Hono<AppEnv>()
  .use(apiAuth())
  .post("/", jsonBody(CreateItemBody), refOnce(), async (c) => {
    // the sku (with the body) is what makes a create idempotent; the optional ref is refOnce's alone
    const { ref: _ref, ...body } = c.req.valid("json");
    const now = Date.now();
    const r = await createItem(c.var.db, body, now, [createAudit(c.var.db, c.var.apiCaller, body.sku, body, now)]);
    if (!r.ok) throw new AppError(r.code, itemRefusalText(r));
    return c.json({ id: r.id }, r.created ? 201 : 200);
  })
  .get("/:id", validate("param", ItemIdParams), async (c) => {
    return c.json(await itemWithLiveStock(c.env, c.var.db, c.req.valid("param").id));
  })
  .get("/:id/shards", validate("param", ItemIdParams), async (c) => {
    // Each stock object of the item as it stands (reconciliation compares them with their projection rows).
    const { id } = c.req.valid("param");
    const rules = await rulesOf(c.var.db, id);
    const n = shardCount(rules);
    const all = await Promise.all(
      Array.from({ length: n }, (_, k) => stockFor(c.env, id, k).status({ rules: shardRules(rules, k) })),
    );
    const body: ItemShardsView = {
      itemId: id,
      stockShards: n,
      shards: all.map((s, shard) => {
        const { itemId: _itemId, ...counts } = statusView(s);
        return { shard, ...counts };
      }),
    };
    return c.json(body);
  })
  .patch("/:id", validate("param", ItemIdParams), jsonBody(PatchItemRequest), refOnce(), async (c) => {
    const { id } = c.req.valid("param");
    const { ref: _ref, ...patch } = c.req.valid("json");
    const now = Date.now();
    // Images are compared by URL when the patch replaces them (read just before; the fields come from the batch).
    const imagesBefore = patch.images === undefined ? undefined : ((await readItem(c.var.db, id))?.images ?? []);
    const r = await patchItem(c.var.db, id, patch, now, (row, next) => {
      const images = imagesBefore && {
        before: imagesBefore,
        after: (patch.images ?? []).map((i) => ({ ...i, alt: i.alt ?? next.name })),
      };
      const diff = itemDiff(row, next, images);
      return diff
        ? [
            auditEntry(c.var.db, {
              actor: c.var.apiCaller,
              action: "item.update",
              target: itemTarget(id),
              ...diff,
              at: now,
            }),
          ]
        : [];
    });
    if (!r.ok) throw new AppError(r.code, itemRefusalText(r));
    return c.json(await itemWithLiveStock(c.env, c.var.db, id));
  })
  .post("/:id/stock", validate("param", ItemIdParams), jsonBody(StockAdjustBody), refOnce(), async (c) => {
    const { id } = c.req.valid("param");
    const { ref, delta } = c.req.valid("json");
    const rules = await rulesOf(c.var.db, id);
    const now = Date.now();
    const r = await stockOf(c.env, id).adjust({ ref, delta, now, rules });
    forgetSoldOut(id);
    if (!r.ok) {
      // A valid delta is refused when it would take available stock below zero (INVALID_QUANTITY), or when
      // its ref was used for another operation (REF_CONFLICT).
      const code: ErrorCode =
        r.code === "INVALID_QUANTITY"
          ? "STOCK_BELOW_ZERO"
          : r.code in ERROR_CODES
            ? (r.code as ErrorCode)
            : "VALIDATION_FAILED";
      throw new AppError(code, refusalText(r));
    }
    // Once per ref: a retry of this adjustment (answered ok by the object, changing nothing) adds no row.
    const available = r.status.available;
    // the item page shows the live stock: its cached guest copy goes with the change
    await c.var.db.batch([
      stockAdjustAudit(c.var.db, {
        actor: c.var.apiCaller,
        itemId: id,
        ref,
        before: { available: available - delta },
        after: { ref, delta, available },
        at: now,
      }),
      bumpPageVersion(c.var.db, now),
    ]);
    pageVersionBumped();
    return c.json(statusView(r.status));
  })
  .post("/:id/codes", validate("param", ItemIdParams), jsonBody(AddCodesBody), refOnce(), async (c) => {
    const { id } = c.req.valid("param");
    const rules = await rulesOf(c.var.db, id);
    if (rules.type !== "coupon")
      throw new AppError("NOT_COUPON_ITEM", t("api.items.notCoupon", { id, type: rules.type }));
    const now = Date.now();
    const r = await stockOf(c.env, id).addCodes({ codes: c.req.valid("json").codes, now, rules });
    const body: AddCodesResult = { added: r.added, duplicates: r.duplicates, codesLeft: r.codesLeft };
    // Counts only, never the codes; a repeat import (all duplicates) changed nothing and adds no row.
    if (r.added > 0) {
      const after = { added: r.added, duplicates: r.duplicates, rejected: r.invalid, codesLeft: r.codesLeft };
      await auditEntry(c.var.db, {
        actor: c.var.apiCaller,
        action: "item.codes_import",
        target: itemTarget(id),
        before: null,
        after,
        at: now,
      });
    }
    return c.json(body);
  });
