// 抽奖活动 /admin/lotteries: list and create campaigns; one campaign's prize stock, edit form, draws and winners.
// The definition is Turso's (with its audit row in the same batch); prize stock, awards and draws are read from
// the campaign's object, which adopts each saved version (configure now, and on its next call anyway).
import type { Context } from "hono";
import { Hono } from "hono";
import { AdminLotteriesPage } from "../../../views/admin/lotteries/lotteries-page";
import { AdminLotteryPage } from "../../../views/admin/lotteries/lottery-detail-page";
import type { LotteryFormValues } from "../../../views/admin/lotteries/lottery-form";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { CSRF_FIELD } from "../../identity/csrf";
import { lotteryFor } from "../../lottery/lottery-stub";
import { createLottery, LOTTERY_ID, listLotteries, readLottery, updateLottery, versionedOf } from "../../lottery/rows";
import type { LotteryConfig } from "../../lottery/types";
import { pageResponse } from "../../render";
import { loadSettings, type MallSettings } from "../../settings/load-settings";
import { meView, requireCsrf } from "../context";
import { toLocalInput } from "../items/zoned-time";
import { PRIZE_ROWS, parseLotteryForm } from "./lottery-form";

type Ctx = Context<AppEnv>;

const blankForm = (): LotteryFormValues => ({
  ref: `console:${crypto.randomUUID()}`,
  name: "",
  kind: "wheel",
  costPoints: 10,
  dailyLimit: 3,
  totalLimit: null,
  freeDrawsPerDay: 0,
  startsAt: "",
  endsAt: "",
  tiers: [],
  prizes: [],
});

function formOf(c: LotteryConfig, timeZone: string): LotteryFormValues {
  return {
    ref: "",
    name: c.name,
    kind: c.kind,
    costPoints: c.costPoints,
    dailyLimit: c.dailyLimit,
    totalLimit: c.totalLimit,
    freeDrawsPerDay: c.freeDrawsPerDay,
    startsAt: c.startsAt === null ? "" : toLocalInput(c.startsAt, timeZone),
    endsAt: c.endsAt === null ? "" : toLocalInput(c.endsAt, timeZone),
    tiers: c.tiers ?? [],
    prizes: c.prizes,
  };
}

const tierOptions = (s: MallSettings) => s.rules.tiers.map((x) => ({ key: x.key, name: x.name }));

function idOf(raw: string | undefined): string {
  if (!raw || !LOTTERY_ID.test(raw)) throw new AppError("LOTTERY_NOT_FOUND");
  return raw;
}

async function listPage(c: Ctx, error?: string, status: 200 | 422 = 200) {
  const [settings, rows, me] = await Promise.all([loadSettings(c.var.db), listLotteries(c.var.db), meView(c)]);
  return pageResponse(
    <AdminLotteriesPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      lotteries={rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, createdAt: r.createdAt }))}
      form={blankForm()}
      tierOptions={tierOptions(settings)}
      rows={PRIZE_ROWS}
      error={error}
    />,
    settings.mall.brandColor,
    status,
  );
}

async function detailPage(c: Ctx, id: string, o: { cursor?: number; saved?: boolean; error?: string } = {}) {
  const [settings, row, me] = await Promise.all([loadSettings(c.var.db), readLottery(c.var.db, id), meView(c)]);
  if (!row) throw new AppError("LOTTERY_NOT_FOUND");
  const v = versionedOf(row);
  const stub = lotteryFor(c.env, id);
  const [status, draws, winners] = await Promise.all([
    stub.status(v),
    stub.draws({ limit: 50, cursor: o.cursor }),
    stub.draws({ limit: 50, won: true }),
  ]);
  const drawRow = (d: (typeof draws.draws)[number]) => ({
    key: d.key,
    uid: d.uid,
    state: d.state,
    prize: d.prize?.name ?? null,
    cost: d.cost,
    orderId: d.orderId,
    createdAt: d.createdAt,
  });
  return pageResponse(
    <AdminLotteryPage
      brandColor={settings.mall.brandColor}
      timeZone={settings.timeZone}
      me={me}
      id={id}
      name={v.config.name}
      prizes={status.prizes}
      totals={{ draws: status.draws, members: status.members }}
      form={formOf(v.config, settings.timeZone)}
      tierOptions={tierOptions(settings)}
      rows={PRIZE_ROWS}
      draws={draws.draws.map(drawRow)}
      nextCursor={draws.nextCursor}
      winners={winners.draws.map(drawRow)}
      saved={o.saved}
      error={o.error}
    />,
    settings.mall.brandColor,
    o.error ? 422 : 200,
  );
}

export const adminLotteriesRoutes = new Hono<AppEnv>()
  .get("/", (c) => listPage(c))

  .post("/", async (c) => {
    const form = await c.req.parseBody({ all: true });
    await requireCsrf(c, form[CSRF_FIELD]);
    const settings = await loadSettings(c.var.db);
    const parsed = parseLotteryForm(form, settings.timeZone);
    if (!parsed.ok) return listPage(c, t("admin.lotteries.invalid", { detail: parsed.detail }), 422);
    // The form's ref (rendered with it) makes a double submit one lottery and one audit row.
    const r = await createLottery(c.var.db, parsed.ref, parsed.input, Date.now(), c.var.admin.email);
    if (!r.ok) throw new AppError("REF_CONFLICT");
    await lotteryFor(c.env, r.id).configure(versionedOf(r.row));
    return c.redirect(`/admin/lotteries/${r.id}`, 303);
  })

  .get("/:id", async (c) => {
    const raw = c.req.query("cursor");
    const cursor = raw && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : undefined;
    return detailPage(c, idOf(c.req.param("id")), { cursor, saved: c.req.query("saved") === "1" });
  })

  .post("/:id", async (c) => {
    const id = idOf(c.req.param("id"));
    const form = await c.req.parseBody({ all: true });
    await requireCsrf(c, form[CSRF_FIELD]);
    const [settings, row] = await Promise.all([loadSettings(c.var.db), readLottery(c.var.db, id)]);
    if (!row) throw new AppError("LOTTERY_NOT_FOUND");
    const parsed = parseLotteryForm({ ...form, ref: "console-edit" }, settings.timeZone);
    if (!parsed.ok) return detailPage(c, id, { error: t("admin.lotteries.invalid", { detail: parsed.detail }) });
    const updated = await updateLottery(c.var.db, row, parsed.input, Date.now(), c.var.admin.email);
    await lotteryFor(c.env, id).configure(versionedOf(updated));
    return c.redirect(`/admin/lotteries/${id}?saved=1`, 303);
  });
