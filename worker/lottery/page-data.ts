// What /lottery/{id} renders, read for one member (or a guest): the definition (Turso), the prizes' stock
// and odds, the member's counts today and their prizes (the lottery's object), the header (the wallet) and,
// when the lottery has physical prizes, the member's default address (a draw takes it for the order).
import { inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { items } from "../../db/schema";
import { formatDateTime } from "../../views/format";
import { t } from "../../views/i18n";
import type { MemberBarView } from "../../views/components/member-bar";
import type { LotteryPageProps } from "../../views/lottery/lottery-page";
import type { DrawBlock, DrawOutcomeView } from "../../views/lottery/lottery-stage";
import { listAddresses, toDelivery } from "../addresses/addresses";
import { csrfToken } from "../identity/csrf";
import type { Session } from "../identity/session";
import { loadMemberBar } from "../member/member-bar";
import type { DeliveryAddress } from "../../domain";
import { loadSettings, type MallSettings, walletRules } from "../settings/load-settings";
import { lotteryFor } from "./lottery-stub";
import { type LotteryRow, readLottery, versionedOf } from "./rows";
import { tierNames as namesOfTiers } from "../member/tier-names";
import { tierAllowed } from "../objects/tiers";
import type { DrawResult, LotteryConfig } from "./types";

/** Whether any item prize is a physical item (its order needs a delivery address). */
export async function needsAddress(db: Db, config: LotteryConfig): Promise<boolean> {
  const ids = config.prizes.flatMap((p) => (p.kind === "item" && p.itemId !== null ? [p.itemId] : []));
  if (ids.length === 0) return false;
  const rows = await db.select({ type: items.type }).from(items).where(inArray(items.id, ids));
  return rows.some((r) => r.type === "physical");
}

export async function defaultAddress(db: Db, uid: string): Promise<DeliveryAddress | null> {
  const [a] = await listAddresses(db, uid);
  return a ? toDelivery(a) : null;
}

/** The names of the tiers a lottery is limited to, as one phrase (黄金、钻石), or null for every tier. */
export const tierNamesOf = (config: LotteryConfig, settings: MallSettings) => namesOfTiers(config.tiers, settings);

/** The draw's answer as the member reads it. */
export function outcomeOf(r: DrawResult, config: LotteryConfig, tierNames: string | null = null): DrawOutcomeView {
  if (!r.ok) {
    const message =
      r.code === "INSUFFICIENT_POINTS"
        ? t("lottery.error.INSUFFICIENT_POINTS", { cost: config.costPoints })
        : r.code === "TIER_NOT_ALLOWED"
          ? t("lottery.error.TIER_NOT_ALLOWED", { tiers: tierNames ?? "" })
          : t(`lottery.error.${r.code}`);
    return { kind: "refused", code: r.code, message };
  }
  const d = r.draw;
  if (d.state === "REFUNDED") return { kind: "refunded", cost: d.cost, free: d.free };
  if (d.state !== "DONE" || !d.prize) return { kind: "pending" };
  if (d.prize.kind === "none")
    return { kind: "none", prizeId: d.prize.id, prizeName: d.prize.name, cost: d.cost, free: d.free };
  return {
    kind: "won",
    prizeId: d.prize.id,
    prizeName: d.prize.name,
    points: d.prize.kind === "points" ? d.prize.points : null,
    orderId: d.orderId,
    cost: d.cost,
    free: d.free,
  };
}

export type LotteryPageData = { settings: MallSettings; row: LotteryRow; props: LotteryPageProps; bar: MemberBarView };

export async function loadLotteryPage(
  env: Env,
  db: Db,
  session: Session | null,
  id: string,
  now: number,
  result: DrawOutcomeView | null = null,
): Promise<LotteryPageData | null> {
  const row = await readLottery(db, id);
  if (!row) return null;
  const settings = await loadSettings(db);
  const tz = settings.timeZone;
  const v = versionedOf(row);
  const c = v.config;
  const stub = lotteryFor(env, id);
  const uid = session?.uid;
  const [status, member, day, mine, csrf, physical] = await Promise.all([
    stub.status(v),
    loadMemberBar(env, session, walletRules(settings), now),
    uid ? stub.memberDay({ ...v, uid, now, timeZone: tz }) : Promise.resolve(null),
    uid ? stub.draws({ uid, won: true, limit: 20 }) : Promise.resolve(null),
    session ? csrfToken(env.SESSION_SECRET, session) : Promise.resolve(""),
    needsAddress(db, c),
  ]);
  const address = uid && physical ? await defaultAddress(db, uid) : null;
  const tierNames = tierNamesOf(c, settings);

  let block: DrawBlock | null = null;
  if (c.startsAt !== null && now < c.startsAt) block = "notStarted";
  else if (c.endsAt !== null && now >= c.endsAt) block = "ended";
  else if (member.bar.kind === "member" && member.bar.blocked) block = "blocked";
  else if (member.summary && !tierAllowed(c.tiers, member.summary.tier.key)) block = "tier";
  else if (day && (day.drawsToday >= c.dailyLimit || (c.totalLimit !== null && day.drawsTotal >= c.totalLimit)))
    block = "limit";
  else if (physical && !address) block = "address";

  const facts = [
    c.costPoints > 0 ? t("lottery.cost", { points: c.costPoints }) : t("lottery.drawFree"),
    c.totalLimit === null
      ? t("lottery.limits", { daily: c.dailyLimit })
      : t("lottery.limitsTotal", { daily: c.dailyLimit, total: c.totalLimit }),
    c.startsAt === null && c.endsAt === null
      ? t("lottery.windowOpen")
      : t("lottery.window", {
          from: c.startsAt === null ? "" : formatDateTime(c.startsAt, tz),
          to: c.endsAt === null ? "" : formatDateTime(c.endsAt, tz),
        }),
  ];
  if (tierNames) facts.push(t("lottery.tiers", { tiers: tierNames }));
  if (day) {
    facts.push(t("lottery.drawsToday", { n: day.drawsToday }));
    if (day.freeLeft > 0 && c.costPoints > 0) facts.push(t("lottery.free", { n: day.freeLeft }));
  }

  const props: LotteryPageProps = {
    mall: settings.mall,
    name: c.name,
    kind: c.kind,
    facts,
    stage: {
      lotteryId: id,
      kind: c.kind,
      segments: status.prizes.map((p) => ({ prizeId: p.id, name: p.name, soldOut: p.left === 0 })),
      form: session
        ? {
            csrf,
            key: crypto.randomUUID(),
            free: (day?.freeLeft ?? 0) > 0,
            cost: c.costPoints,
            block,
            tierNames: tierNames ?? "",
          }
        : null,
      result,
    },
    odds: status.prizes.map((p) => ({ prizeId: p.id, name: p.name, odds: p.odds, left: p.left })),
    mine: mine
      ? mine.draws.map((d) => ({
          key: d.key,
          name: d.prize?.name ?? "",
          at: formatDateTime(d.createdAt, tz),
          orderId: d.orderId,
        }))
      : null,
  };
  return { settings, row, props, bar: member.bar };
}
