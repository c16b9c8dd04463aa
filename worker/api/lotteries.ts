// Merchant API: lotteries (/api/v1/lotteries/…). The definition is Turso's (worker/lottery/rows.ts); prize stock,
// odds and draws are the campaign's object's (worker/lottery), read exactly from it.
import { inArray } from "drizzle-orm";
import { Hono } from "hono";
import { items } from "../../db/schema";
import { t } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { loadLottery, type LoadedLottery } from "../lottery/load";
import { lotteryFor } from "../lottery/lottery-stub";
import { createLottery, type LotteryInput } from "../lottery/rows";
import type { DrawView } from "../lottery/types";
import { validate } from "../validate";
import { apiAuth } from "./auth";
import { jsonBody } from "./json-body";
import { CreateLotteryBody, type DrawApiView, DrawsQuery, LotteryIdParams, type LotteryView } from "./schemas";

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function inputOf(b: CreateLotteryBody): LotteryInput {
  return {
    name: b.name,
    kind: b.kind,
    costPoints: b.costPoints,
    dailyLimit: b.dailyLimit,
    totalLimit: b.totalLimit ?? null,
    freeDrawsPerDay: b.freeDrawsPerDay ?? 0,
    startsAt: b.startsAt ? Date.parse(b.startsAt) : null,
    endsAt: b.endsAt ? Date.parse(b.endsAt) : null,
    tiers: [...new Set(b.tiers ?? [])],
    prizes: b.prizes.map((p) => ({
      name: p.name,
      kind: p.kind,
      points: p.kind === "points" ? (p.points ?? null) : null,
      itemId: p.kind === "item" ? (p.itemId ?? null) : null,
      weight: p.weight,
      stock: p.stock ?? null,
    })),
  };
}

function lotteryView({ row, v, status }: LoadedLottery): LotteryView {
  const c = v.config;
  return {
    id: row.id,
    name: c.name,
    kind: c.kind,
    costPoints: c.costPoints,
    dailyLimit: c.dailyLimit,
    totalLimit: c.totalLimit,
    freeDrawsPerDay: c.freeDrawsPerDay,
    startsAt: isoOrNull(c.startsAt),
    endsAt: isoOrNull(c.endsAt),
    tiers: c.tiers ?? [],
    version: v.version,
    prizes: status.prizes,
    draws: status.draws,
    members: status.members,
  };
}

const drawView = (d: DrawView): DrawApiView => ({ ...d, createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt) });

export const lotteriesApi = new Hono<AppEnv>()
  .use(apiAuth())
  .post("/", jsonBody(CreateLotteryBody), async (c) => {
    const body = c.req.valid("json");
    const input = inputOf(body);
    const itemIds = [...new Set(input.prizes.flatMap((p) => (p.itemId === null ? [] : [p.itemId])))];
    if (itemIds.length > 0) {
      const found = await c.var.db.select({ id: items.id }).from(items).where(inArray(items.id, itemIds));
      const missing = itemIds.find((id) => !found.some((f) => f.id === id));
      if (missing !== undefined) throw new AppError("VALIDATION_FAILED", t("lottery.api.itemUnknown", { id: missing }));
    }
    const r = await createLottery(c.var.db, body.ref, input, Date.now());
    if (!r.ok) throw new AppError("REF_CONFLICT");
    // The object learns the definition now; if this call is lost, the next call passes it again.
    await lotteryFor(c.env, r.id).configure({ version: r.row.version, config: JSON.parse(r.row.config) });
    return c.json({ id: r.id }, r.created ? 201 : 200);
  })
  .get("/:id", validate("param", LotteryIdParams), async (c) => {
    const loaded = await loadLottery(c.env, c.var.db, c.req.valid("param").id);
    if (!loaded) throw new AppError("LOTTERY_NOT_FOUND");
    return c.json(lotteryView(loaded));
  })
  .get("/:id/draws", validate("param", LotteryIdParams), validate("query", DrawsQuery), async (c) => {
    const { id } = c.req.valid("param");
    const loaded = await loadLottery(c.env, c.var.db, id);
    if (!loaded) throw new AppError("LOTTERY_NOT_FOUND");
    const { cursor, limit } = c.req.valid("query");
    const page = await lotteryFor(c.env, id).draws({ limit, cursor });
    return c.json({
      draws: page.draws.map(drawView),
      nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
    });
  });
