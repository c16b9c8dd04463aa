// The member's group-buy pages (拼团): GET /groups/{id} (the group: members masked, seats left, countdown, share
// link and card), POST /groups (开团: a deal and the form's key — the group's id is derived from the key, so a
// double tap opens one group), POST /groups/{id}/join (参团, the form's key: a double tap is one join) and GET
// /me/groups. Forms work without JS (the answer is the group's page); with htmx a join answers the group panel
// and the balance badge out of band.
import type { Context, MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { forgetItemRows } from "../catalog/item-rows-memo";
import { z } from "zod";
import { BalanceBadge } from "../../views/components/balance-badge";
import { MemberBar } from "../../views/components/member-bar";
import { GroupPage } from "../../views/group-buy/group-page";
import { GroupPanel } from "../../views/group-buy/group-panel";
import { MyGroupsPage } from "../../views/group-buy/my-groups-page";
import { t } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { AppError, ERROR_CODES } from "../errors";
import type { Session } from "../identity/session";
import { defaultAddress } from "../lottery/page-data";
import { isMemberBlocked } from "../member/blocked";
import { loadMemberBar } from "../member/member-bar";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { requireMember } from "../shop/require-member";
import { loadSettings, walletRules } from "../settings/load-settings";
import { shareCsp, wechatShare } from "../wechat/share";
import { groupFor } from "./group-stub";
import { groupPanel, itemOf, loadMyGroups } from "./page-data";
import { tierNames } from "../member/tier-names";
import { tierAllowed } from "../objects/tiers";
import type { MallSettings } from "../settings/load-settings";
import type { WalletRules } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";
import { DEAL_ID, dealLive, dealTiers, GROUP_ID, groupIdOf, readDeal } from "./rows";
import type { GroupView, JoinErrorCode } from "./types";

type Ctx = Context<AppEnv>;

const Key = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((k) => k.toLowerCase());
const OpenForm = z.object({ dealId: z.string().regex(DEAL_ID), key: Key });
const JoinForm = z.object({ key: Key });

function groupIdParam(raw: string | undefined): string {
  if (!raw || !GROUP_ID.test(raw)) throw new AppError("GROUP_NOT_FOUND");
  return raw;
}

async function viewOf(c: Ctx, id: string): Promise<GroupView> {
  const g = await groupFor(c.env, id).view();
  if (!g) throw new AppError("GROUP_NOT_FOUND");
  return g;
}

/** The group's page (or, htmx, its panel with the badge out of band), with a notice after a refusal. */
async function answer(
  c: Ctx,
  g: GroupView,
  session: Session | null,
  o: { status?: number; notice?: { code: string; message: string } | null; fragment?: boolean } = {},
) {
  const settings = await loadSettings(c.var.db);
  const now = Date.now();
  const { bar, summary } = await loadMemberBar(c.env, session, walletRules(settings), now);
  const origin = new URL(c.req.url).origin;
  const panel = await groupPanel(c.var.db, g, {
    uid: session?.uid ?? null,
    csrf: bar.kind === "member" ? bar.csrf : null,
    now,
    origin,
    notice: o.notice,
    tierKey: summary?.tier.key ?? null,
    rules: settings.rules,
  });
  const status = (o.status ?? 200) as 200;
  if (o.fragment) {
    return fragmentResponse(
      <>
        <GroupPanel {...panel} />
        {bar.kind === "member" && <BalanceBadge balance={bar.balance} oob />}
      </>,
      status,
    );
  }
  const share = await wechatShare(
    c.env,
    { url: c.req.url, userAgent: c.req.header("User-Agent") },
    {
      title: t("groupBuy.share.title", { item: g.itemName }),
      desc: t("groupBuy.share.desc", { size: g.size, price: g.price, n: g.seatsLeft }),
      image: settings.mall.logoUrl,
      path: `/groups/${g.id}`,
    },
  );
  return pageResponse(
    <GroupPage mall={settings.mall} headerExtra={<MemberBar bar={bar} />} share={share} panel={panel} />,
    settings.mall.brandColor,
    status,
    shareCsp(share),
  );
}

/** The member's tier from their wallet, read only when the group (or deal) is limited to tiers. */
async function tierOf(c: Ctx, uid: string, tiers: string[] | undefined, rules: WalletRules): Promise<string | null> {
  if (!tiers || tiers.length === 0) return null;
  return (await walletFor(c.env, uid).summary({ uid, now: Date.now(), rules })).tier.key;
}

const tierText = (tiers: string[] | undefined, settings: MallSettings) =>
  t("groupBuy.error.TIER_NOT_ALLOWED", { tiers: tierNames(tiers, settings) ?? "" });

const refusalNotice = (code: JoinErrorCode, settings: MallSettings, tiers?: string[]) => ({
  code,
  message: code === "TIER_NOT_ALLOWED" ? tierText(tiers, settings) : t(ERROR_CODES[code].message),
});

/** After opening or joining a group: this isolate's kept item rows (their open groups) are dropped, so the
 *  member's next item page shows the group at once (worker/catalog/item-rows-memo.ts; ≤ 3 s elsewhere). */
const itemRowsForgotten: MiddlewareHandler<AppEnv> = async (_c, next) => {
  await next();
  forgetItemRows();
};

export const groupBuyRoutes = new Hono<AppEnv>()
  .get("/groups/:id", async (c) => {
    const g = await viewOf(c, groupIdParam(c.req.param("id")));
    return answer(c, g, c.var.session);
  })

  .post("/groups", requireMember, itemRowsForgotten, async (c) => {
    const session = c.var.member;
    const form = OpenForm.safeParse(await c.req.parseBody());
    if (!form.success) throw new AppError("VALIDATION_FAILED", t("groupBuy.badForm"));
    const db = c.var.db;
    const now = Date.now();
    const [deal, settings, blocked] = await Promise.all([
      readDeal(db, form.data.dealId),
      loadSettings(db),
      isMemberBlocked(db, session.uid),
    ]);
    if (!deal) throw new AppError("GROUP_DEAL_NOT_FOUND");
    const id = await groupIdOf(form.data.key);
    const stub = groupFor(c.env, id);
    const tiers = dealTiers(deal);
    const rules = walletRules(settings);
    // A retry of an open that went through answers its group even if the deal has closed since.
    const [existing, tier] = await Promise.all([stub.view(), tierOf(c, session.uid, tiers, rules)]);
    if (!existing) {
      if (!dealLive(deal, now)) throw new AppError("GROUP_DEAL_CLOSED");
      if (blocked) throw new AppError("MEMBER_BLOCKED");
      if (!tierAllowed(tiers, tier)) throw new AppError("TIER_NOT_ALLOWED", tierText(tiers, settings));
    }
    const item = await itemOf(db, deal.itemId);
    if (!item) throw new AppError("ITEM_NOT_FOUND");
    const address = item.type === "physical" ? await defaultAddress(db, session.uid) : null;
    if (item.type === "physical" && !address) throw new AppError("ADDRESS_REQUIRED");
    const r = await stub.join({
      uid: session.uid,
      key: form.data.key,
      now,
      rules,
      address,
      tier,
      open: {
        id,
        dealId: deal.id,
        itemId: item.id,
        itemName: item.name,
        itemType: item.type,
        size: deal.groupSize,
        price: deal.pointsPrice,
        leader: session.uid,
        openedAt: now,
        deadline: now + deal.fillHours * 3_600_000,
        timeZone: settings.timeZone,
        tiers,
      },
    });
    if (!r.ok)
      throw r.code === "TIER_NOT_ALLOWED" ? new AppError(r.code, tierText(tiers, settings)) : new AppError(r.code);
    return c.redirect(`/groups/${id}`, 303);
  })

  .post("/groups/:id/join", requireMember, itemRowsForgotten, async (c) => {
    const session = c.var.member;
    const id = groupIdParam(c.req.param("id"));
    const form = JoinForm.safeParse(await c.req.parseBody());
    if (!form.success) throw new AppError("VALIDATION_FAILED", t("groupBuy.badForm"));
    const db = c.var.db;
    const htmx = isHtmx(c.req.raw);
    const g = await viewOf(c, id);
    const [settings, blocked] = await Promise.all([loadSettings(db), isMemberBlocked(db, session.uid)]);
    if (blocked) throw new AppError("MEMBER_BLOCKED");
    const address = g.itemType === "physical" ? await defaultAddress(db, session.uid) : null;
    if (g.itemType === "physical" && !address) throw new AppError("ADDRESS_REQUIRED");
    const rules = walletRules(settings);
    const r = await groupFor(c.env, id).join({
      uid: session.uid,
      key: form.data.key,
      now: Date.now(),
      rules,
      address,
      tier: await tierOf(c, session.uid, g.tiers, rules),
    });
    if (r.ok) {
      if (!htmx) return c.redirect(`/groups/${id}`, 303);
      return answer(c, r.group, session, { fragment: true });
    }
    return answer(c, (await groupFor(c.env, id).view()) ?? g, session, {
      status: ERROR_CODES[r.code].status,
      notice: refusalNotice(r.code, settings, g.tiers),
      fragment: htmx,
    });
  })

  .get("/me/groups", requireMember, async (c) => {
    const session = c.var.member;
    const settings = await loadSettings(c.var.db);
    const now = Date.now();
    const [{ bar }, groups] = await Promise.all([
      loadMemberBar(c.env, session, walletRules(settings), now),
      loadMyGroups(c.var.db, session.uid),
    ]);
    return pageResponse(
      <MyGroupsPage
        mall={settings.mall}
        headerExtra={<MemberBar bar={bar} />}
        csrf={bar.kind === "member" ? bar.csrf : null}
        groups={groups}
        now={now}
      />,
      settings.mall.brandColor,
    );
  });
