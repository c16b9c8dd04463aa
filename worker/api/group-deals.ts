// Merchant API: group deals (/api/v1/group-deals/…). The deal is Turso's (worker/group-buy/rows.ts); its groups
// are read from their objects' projection.
import { Hono } from "hono";
import { t } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import {
  checkDeal,
  createDeal,
  type DealInput,
  dealTiers,
  type DealRow,
  listDeals,
  listGroups,
  readDeal,
} from "../group-buy/rows";
import { validate } from "../validate";
import { apiAuth } from "./auth";
import { refOnce } from "./idempotency";
import { jsonBody } from "./json-body";
import { CreateGroupDealBody, GroupDealIdParams, type GroupDealView } from "./schemas";

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function dealInputOfBody(b: CreateGroupDealBody): DealInput {
  return {
    itemId: b.itemId,
    groupSize: b.groupSize,
    pointsPrice: b.pointsPrice,
    fillHours: b.fillHours,
    startsAt: b.startsAt ? Date.parse(b.startsAt) : null,
    endsAt: b.endsAt ? Date.parse(b.endsAt) : null,
    enabled: b.enabled ?? true,
    tiers: [...new Set(b.tiers ?? [])],
  };
}

const dealView = (d: DealRow): Omit<GroupDealView, "groups"> => ({
  id: d.id,
  itemId: d.itemId,
  groupSize: d.groupSize,
  pointsPrice: d.pointsPrice,
  fillHours: d.fillHours,
  startsAt: isoOrNull(d.startsAt),
  endsAt: isoOrNull(d.endsAt),
  enabled: d.enabled,
  tiers: dealTiers(d),
  createdAt: iso(d.createdAt),
});

export const groupDealsApi = new Hono<AppEnv>()
  .use(apiAuth())
  .post("/", jsonBody(CreateGroupDealBody), refOnce(), async (c) => {
    const body = c.req.valid("json");
    const input = dealInputOfBody(body);
    const problem = await checkDeal(c.var.db, input);
    if (problem?.code === "ITEM_UNKNOWN")
      throw new AppError("VALIDATION_FAILED", t("groupBuy.api.itemUnknown", { id: problem.itemId }));
    if (problem?.code === "PRICE_NOT_BELOW")
      throw new AppError("VALIDATION_FAILED", t("groupBuy.api.priceNotBelow", { points: problem.itemPoints }));
    const r = await createDeal(c.var.db, body.ref, input, Date.now());
    if (!r.ok) throw new AppError("REF_CONFLICT");
    return c.json({ id: r.id }, r.created ? 201 : 200);
  })
  .get("/", async (c) => c.json({ deals: (await listDeals(c.var.db)).map(dealView) }))
  .get("/:id", validate("param", GroupDealIdParams), async (c) => {
    const deal = await readDeal(c.var.db, c.req.valid("param").id);
    if (!deal) throw new AppError("GROUP_DEAL_NOT_FOUND");
    const groups = await listGroups(c.var.db, deal.id);
    return c.json({
      ...dealView(deal),
      groups: groups.map((g) => ({
        id: g.id,
        state: g.state,
        size: g.size,
        taken: g.taken,
        pointsPrice: g.pointsPrice,
        deadline: iso(g.deadline),
        openedAt: iso(g.openedAt),
        completedAt: isoOrNull(g.completedAt),
      })),
    } satisfies GroupDealView);
  });
