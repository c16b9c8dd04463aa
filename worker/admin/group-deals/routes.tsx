// 拼团 /admin/group-deals: list and create deals; one deal's edit form and its groups with state and outcomes;
// one group's seats, exact from its object. The deal is Turso's (with its audit row in the same batch).
import type { Context } from "hono";
import { Hono } from "hono";
import { inArray, sql } from "drizzle-orm";
import { groupMembers, items } from "../../../db/schema";
import {
  AdminGroupDealPage,
  AdminGroupPage,
  type AdminGroupRow,
} from "../../../views/admin/group-deals/deal-detail-page";
import type { DealFormValues } from "../../../views/admin/group-deals/deal-form";
import { AdminGroupDealsPage } from "../../../views/admin/group-deals/deals-page";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { groupFor } from "../../group-buy/group-stub";
import {
  checkDeal,
  createDeal,
  DEAL_ID,
  type DealProblem,
  type DealRow,
  dealTiers,
  GROUP_ID,
  listDeals,
  listGroups,
  readDeal,
  updateDeal,
} from "../../group-buy/rows";
import { CSRF_FIELD } from "../../identity/csrf";
import { pageResponse } from "../../render";
import { loadSettings, type MallSettings } from "../../settings/load-settings";
import { meView, requireCsrf } from "../context";
import { toLocalInput } from "../items/zoned-time";
import { parseDealForm } from "./deal-form";

type Ctx = Context<AppEnv>;

const blankForm = (): DealFormValues => ({
  ref: `console:${crypto.randomUUID()}`,
  itemId: null,
  groupSize: 2,
  pointsPrice: null,
  fillHours: 24,
  startsAt: "",
  endsAt: "",
  enabled: true,
  tiers: [],
});

const formOf = (d: DealRow, tz: string): DealFormValues => ({
  ref: "",
  itemId: d.itemId,
  groupSize: d.groupSize,
  pointsPrice: d.pointsPrice,
  fillHours: d.fillHours,
  startsAt: d.startsAt === null ? "" : toLocalInput(d.startsAt, tz),
  endsAt: d.endsAt === null ? "" : toLocalInput(d.endsAt, tz),
  enabled: d.enabled,
  tiers: dealTiers(d),
});

const tierOptions = (s: MallSettings) => s.rules.tiers.map((x) => ({ key: x.key, name: x.name }));

function problemText(p: DealProblem): string {
  return p.code === "ITEM_UNKNOWN"
    ? t("admin.groupDeals.itemUnknown", { id: p.itemId })
    : t("admin.groupDeals.priceNotBelow", { points: p.itemPoints });
}

function idOf(raw: string | undefined): string {
  if (!raw || !DEAL_ID.test(raw)) throw new AppError("GROUP_DEAL_NOT_FOUND");
  return raw;
}

async function itemNames(c: Ctx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await c.var.db.select({ id: items.id, name: items.name }).from(items).where(inArray(items.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function listPage(c: Ctx, error?: string, form = blankForm()) {
  const [settings, deals, me] = await Promise.all([loadSettings(c.var.db), listDeals(c.var.db), meView(c)]);
  const names = await itemNames(c, [...new Set(deals.map((d) => d.itemId))]);
  return pageResponse(
    <AdminGroupDealsPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      deals={deals.map((d) => ({
        id: d.id,
        itemId: d.itemId,
        itemName: names.get(d.itemId) ?? `#${d.itemId}`,
        groupSize: d.groupSize,
        pointsPrice: d.pointsPrice,
        enabled: d.enabled,
        createdAt: d.createdAt,
      }))}
      form={form}
      tierOptions={tierOptions(settings)}
      error={error}
    />,
    settings.mall.brandColor,
    error ? 422 : 200,
  );
}

async function detailPage(c: Ctx, id: string, o: { saved?: boolean; error?: string } = {}) {
  const [settings, deal, me] = await Promise.all([loadSettings(c.var.db), readDeal(c.var.db, id), meView(c)]);
  if (!deal) throw new AppError("GROUP_DEAL_NOT_FOUND");
  const groups = await listGroups(c.var.db, id);
  const counts = groups.length
    ? await c.var.db
        .select({
          groupId: groupMembers.groupId,
          ordered: sql<number>`sum(case when ${groupMembers.state} = 'ordered' then 1 else 0 end)`,
          refunded: sql<number>`sum(case when ${groupMembers.state} = 'refunded' then 1 else 0 end)`,
        })
        .from(groupMembers)
        .where(
          inArray(
            groupMembers.groupId,
            groups.map((g) => g.id),
          ),
        )
        .groupBy(groupMembers.groupId)
    : [];
  const byGroup = new Map(counts.map((r) => [r.groupId, r]));
  const names = await itemNames(c, [deal.itemId]);
  return pageResponse(
    <AdminGroupDealPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      id={id}
      itemName={names.get(deal.itemId) ?? `#${deal.itemId}`}
      form={formOf(deal, settings.timeZone)}
      tierOptions={tierOptions(settings)}
      groups={groups.map((g) => ({
        id: g.id,
        state: g.state,
        taken: g.taken,
        size: g.size,
        ordered: Number(byGroup.get(g.id)?.ordered ?? 0),
        refunded: Number(byGroup.get(g.id)?.refunded ?? 0),
        openedAt: g.openedAt,
        deadline: g.deadline,
        completedAt: g.completedAt,
      }))}
      saved={o.saved}
      error={o.error}
    />,
    settings.mall.brandColor,
    o.error ? 422 : 200,
  );
}

export const adminGroupDealsRoutes = new Hono<AppEnv>()
  .get("/", (c) => listPage(c))

  .post("/", async (c) => {
    const form = await c.req.parseBody({ all: true });
    await requireCsrf(c, form[CSRF_FIELD]);
    const settings = await loadSettings(c.var.db);
    const parsed = parseDealForm(form, settings.timeZone);
    if (!parsed.ok) return listPage(c, t("admin.groupDeals.invalid", { detail: parsed.detail }));
    const problem = await checkDeal(c.var.db, parsed.input);
    if (problem) return listPage(c, t("admin.groupDeals.invalid", { detail: problemText(problem) }));
    // The form's ref (rendered with it) makes a double submit one deal and one audit row.
    const r = await createDeal(c.var.db, parsed.ref, parsed.input, Date.now(), c.var.admin.email);
    if (!r.ok) throw new AppError("REF_CONFLICT");
    return c.redirect(`/admin/group-deals/${r.id}`, 303);
  })

  .get("/:id", async (c) => detailPage(c, idOf(c.req.param("id")), { saved: c.req.query("saved") === "1" }))

  .post("/:id", async (c) => {
    const id = idOf(c.req.param("id"));
    const form = await c.req.parseBody({ all: true });
    await requireCsrf(c, form[CSRF_FIELD]);
    const [settings, deal] = await Promise.all([loadSettings(c.var.db), readDeal(c.var.db, id)]);
    if (!deal) throw new AppError("GROUP_DEAL_NOT_FOUND");
    const parsed = parseDealForm({ ...form, ref: "console-edit" }, settings.timeZone);
    if (!parsed.ok) return detailPage(c, id, { error: t("admin.groupDeals.invalid", { detail: parsed.detail }) });
    const problem = await checkDeal(c.var.db, parsed.input);
    if (problem) return detailPage(c, id, { error: t("admin.groupDeals.invalid", { detail: problemText(problem) }) });
    await updateDeal(c.var.db, deal, parsed.input, Date.now(), c.var.admin.email);
    return c.redirect(`/admin/group-deals/${id}?saved=1`, 303);
  })

  .get("/:id/groups/:groupId", async (c) => {
    const id = idOf(c.req.param("id"));
    const groupId = c.req.param("groupId");
    if (!GROUP_ID.test(groupId)) throw new AppError("GROUP_NOT_FOUND");
    const [settings, me, g] = await Promise.all([loadSettings(c.var.db), meView(c), groupFor(c.env, groupId).view()]);
    if (!g || g.dealId !== id) throw new AppError("GROUP_NOT_FOUND");
    return pageResponse(
      <AdminGroupPage
        brandColor={settings.mall.brandColor}
        timeZone={settings.timeZone}
        me={me}
        dealId={id}
        groupId={groupId}
        itemName={g.itemName}
        state={g.state.toLowerCase() as AdminGroupRow["state"]}
        seats={g.seats.map((s) => ({
          uid: s.uid,
          state: s.state,
          points: s.points,
          orderId: s.orderId,
          code: s.code,
          joinedAt: s.joinedAt,
        }))}
      />,
      settings.mall.brandColor,
    );
  });
