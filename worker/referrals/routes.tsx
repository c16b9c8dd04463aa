// 邀请有礼, the shopper's side: GET /i/<code> (an invite link: remembered for the login that creates the
// member, worker/referrals/arrival.ts) and GET /invite (the member's link, code, share card and invitees).
import { desc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { members, referrals } from "../../db/schema";
import { MemberBar } from "../../views/components/member-bar";
import { t } from "../../views/i18n";
import { InvitePage, type InviteeView } from "../../views/referrals/invite-page";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { loadMemberBar } from "../member/member-bar";
import { pageResponse } from "../render";
import { requireMember } from "../shop/require-member";
import { loadSettings, walletRules } from "../settings/load-settings";
import { shareCsp, wechatShare } from "../wechat/share";
import { rememberInvite } from "./arrival";
import { inviteCodeFor, normaliseInviteCode } from "./invite-code";
import { payDue } from "./settle";
import { loadReferralSettings } from "./settings";

/** 小*子: the first and last character of a nickname, the rest hidden (a one- or two-character name keeps its
 *  first). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return t("referrals.friend");
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}*${chars[chars.length - 1]}`;
}

export const referralRoutes = new Hono<AppEnv>()
  .get("/i/:code", async (c) => {
    const code = normaliseInviteCode(c.req.param("code"));
    if (!code) throw new AppError("NOT_FOUND");
    // A member who is signed in already existed: nothing to remember.
    if (!c.var.session) await rememberInvite(c, code);
    c.header("Cache-Control", "no-store");
    return c.redirect("/", 302);
  })

  .get("/invite", requireMember, async (c) => {
    const db = c.var.db;
    const uid = c.var.member.uid;
    const now = Date.now();
    const settings = await loadSettings(db);
    const rules = walletRules(settings);
    const [code, programme, { bar }, rows] = await Promise.all([
      inviteCodeFor(db, uid, now),
      loadReferralSettings(db),
      loadMemberBar(c.env, c.var.member, rules, now),
      db
        .select({ r: referrals, nickname: members.nickname })
        .from(referrals)
        .leftJoin(members, eq(members.uid, referrals.invitee))
        .where(eq(referrals.inviter, uid))
        .orderBy(desc(referrals.createdAt))
        .limit(200),
    ]);
    // A reward left pending by a cut-short request is finished here (the same refs: paid once).
    const due = rows.filter(
      ({ r }) => r.qualifiedAt !== null && (r.inviterState === "pending" || r.inviteeState === "pending"),
    );
    if (due.length > 0) await Promise.all(due.map(({ r }) => payDue(c.env, db, r, rules, now)));
    const fresh =
      due.length === 0
        ? rows
        : await db
            .select({ r: referrals, nickname: members.nickname })
            .from(referrals)
            .leftJoin(members, eq(members.uid, referrals.invitee))
            .where(eq(referrals.inviter, uid))
            .orderBy(desc(referrals.createdAt))
            .limit(200);
    const invitees: InviteeView[] = fresh.map(({ r, nickname }) => ({
      name: maskName(nickname ?? ""),
      joinedAt: r.createdAt,
      qualified: r.qualifiedAt !== null,
      myPoints: r.inviterPoints,
      myState: r.inviterState,
    }));
    const earned = fresh.reduce((sum, { r }) => sum + (r.inviterState === "paid" ? r.inviterPoints : 0), 0);
    const origin = new URL(c.req.url).origin;
    const path = `/i/${code}`;
    const share = await wechatShare(
      c.env,
      { url: c.req.url, userAgent: c.req.header("User-Agent") },
      {
        title: t("referrals.share.title", { mall: settings.mall.name }),
        desc: t("referrals.share.desc"),
        image: settings.mall.logoUrl,
        path,
      },
    );
    return pageResponse(
      <InvitePage
        mall={settings.mall}
        csrf={bar.kind === "member" ? bar.csrf : ""}
        link={`${origin}${path}`}
        code={code}
        programme={programme}
        invitees={invitees}
        earned={earned}
        timeZone={settings.timeZone}
        headerExtra={<MemberBar bar={bar} />}
        share={share}
      />,
      settings.mall.brandColor,
      200,
      shareCsp(share),
    );
  });
