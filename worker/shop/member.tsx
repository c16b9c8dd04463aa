// Member pages and actions: check-in (an htmx swap with the balance badge out of band), 我的积分 with its
// ledger paged by htmx, and the login help that guests are shown instead of member-only pages. 收货地址 and
// 我的订单 are in ./addresses and ./orders, mounted here.
import { Hono } from "hono";
import { wechatLoginRedirect } from "../wechat/login-link";
import { z } from "zod";
import { BalanceBadge } from "../../views/components/balance-badge";
import { CheckinButton } from "../../views/components/checkin-button";
import { CheckinResult } from "../../views/components/checkin-result";
import { LedgerRows } from "../../views/components/ledger-list";
import { MemberBar } from "../../views/components/member-bar";
import { t } from "../../views/i18n";
import { CheckinPage } from "../../views/pages/checkin-page";
import { LoginPage } from "../../views/pages/login-page";
import { PointsPage } from "../../views/pages/points-page";
import type { CheckinResultView } from "../../views/components/checkin-result";
import type { AppEnv } from "../app-env";
import { ERROR_CODES } from "../errors";
import { csrfToken } from "../identity/csrf";
import { revokeSession } from "../identity/session";
import { isMemberBlocked } from "../member/blocked";
import { memberBarView } from "../member/member-bar";
import { LEDGER_PAGE, ledgerRows, pointsPageView } from "../member/points-view";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { loadSettings, walletRules } from "../settings/load-settings";
import { validate } from "../validate";
import { walletFor } from "../wallet/wallet-stub";
import { addressRoutes } from "./addresses";
import { duibaBalance } from "../duiba/balance";
import { forwardEarned } from "../duiba/earned";
import { requireMember, requireMemberOrHome } from "./require-member";
import { orderRoutes } from "./orders";
import { refusalText } from "../object-text";
import { referralTriggerSafely } from "../referrals/settle";
import { campaignBanner } from "../campaigns/banner";

const LedgerQuery = z.object({
  cursor: z
    .string()
    .regex(/^[0-9]{1,12}$/, "cursor")
    .optional(),
});

export const member = new Hono<AppEnv>()
  .get("/login", async (c) => {
    const wechat = wechatLoginRedirect(c.env, {
      url: c.req.url,
      userAgent: c.req.header("User-Agent"),
      referer: c.req.header("Referer"),
    });
    if (wechat) return c.redirect(wechat, 302);
    const { mall } = await loadSettings(c.var.db);
    return pageResponse(<LoginPage mall={mall} />, mall.brandColor);
  })

  // 退出登录: the session ends on the server (a copied cookie dies with it) and in this browser.
  .post("/logout", requireMemberOrHome, async (c) => {
    await revokeSession(c, c.var.member);
    return c.redirect("/", 303);
  })

  .post("/checkin", requireMember, async (c) => {
    const settings = await loadSettings(c.var.db);
    const session = c.var.member;
    const now = Date.now();
    const rules = walletRules(settings);
    const wallet = walletFor(c.env, session.uid);
    // A blocked member earns nothing (and is told so); the wallet is not asked.
    const blocked = await isMemberBlocked(c.var.db, session.uid);
    const outcome = blocked ? null : await wallet.checkin({ uid: session.uid, now, rules });
    // A first check-in may be the action that pays the member's referral (worker/referrals).
    if (outcome?.ok) await referralTriggerSafely(c.env, c.var.db, session.uid, "checkin", rules, now);
    // Duiba mode: the check-in's points go to the merchant as 加积分 (ref checkin:<date>).
    const credits = outcome?.ok
      ? await forwardEarned(c.env, c.var.db, {
          uid: session.uid,
          ref: `checkin:${outcome.date}`,
          credits: outcome.points,
          kind: "checkin",
          now,
        })
      : null;
    const result: CheckinResultView = !outcome
      ? { ok: false, message: t("member.blocked.checkin") }
      : outcome.ok
        ? { ok: true, points: outcome.points, streakDay: outcome.streakDay, tomorrowPoints: outcome.tomorrowPoints }
        : {
            ok: false,
            message: outcome.code === "DAILY_CAP_REACHED" ? refusalText(outcome) : t(ERROR_CODES[outcome.code].message),
          };
    const status = !outcome ? ERROR_CODES.MEMBER_BLOCKED.status : outcome.ok ? 200 : ERROR_CODES[outcome.code].status;
    const [own, csrf, shown] = await Promise.all([
      wallet.summary({ uid: session.uid, now, rules }),
      csrfToken(c.env.SESSION_SECRET, session),
      credits === null ? duibaBalance(c.env, c.var.db, session.uid) : credits,
    ]);
    const summary = shown === null ? own : { ...own, balance: shown };

    if (isHtmx(c.req.raw)) {
      return fragmentResponse(
        <>
          <CheckinResult result={result} />
          <BalanceBadge balance={summary.balance} oob />
          <CheckinButton checkedIn={summary.checkin.checkedInToday} csrf={csrf} oob />
        </>,
        status,
      );
    }
    const header = <MemberBar bar={memberBarView(summary, csrf, blocked, c.var.session?.unread)} />;
    return pageResponse(
      <CheckinPage mall={settings.mall} result={result} headerExtra={header} />,
      settings.mall.brandColor,
      status,
    );
  })

  .get("/me/points", requireMember, validate("query", LedgerQuery, "BAD_REQUEST"), async (c) => {
    const settings = await loadSettings(c.var.db);
    const session = c.var.member;
    const { cursor } = c.req.valid("query");
    const now = Date.now();
    // The header and the page from one call to the wallet (the blocked flag came with the session).
    const [{ summary, ledger }, csrf] = await Promise.all([
      walletFor(c.env, session.uid).pointsPage({
        uid: session.uid,
        now,
        rules: walletRules(settings),
        limit: LEDGER_PAGE,
        cursor: cursor === undefined ? undefined : Number(cursor),
      }),
      csrfToken(c.env.SESSION_SECRET, session),
    ]);
    const blocked = session.blocked;
    const bar = memberBarView(summary, csrf, blocked, session.unread);
    const points = pointsPageView(summary, ledger, settings.timeZone, now);
    return pageResponse(
      <PointsPage
        mall={settings.mall}
        points={points}
        headerExtra={<MemberBar bar={bar} />}
        blocked={blocked}
        csrf={csrf}
        campaigns={campaignBanner(settings.rules, now, settings.timeZone, summary?.birthday ?? null)}
      />,
      settings.mall.brandColor,
    );
  })

  .get("/me/points/ledger", requireMember, validate("query", LedgerQuery, "BAD_REQUEST"), async (c) => {
    const session = c.var.member;
    const { cursor } = c.req.valid("query");
    const settings = await loadSettings(c.var.db);
    const ledger = await walletFor(c.env, session.uid).ledger({
      limit: LEDGER_PAGE,
      cursor: cursor === undefined ? undefined : Number(cursor),
    });
    const next = ledger.nextCursor === null ? null : String(ledger.nextCursor);
    return fragmentResponse(
      <LedgerRows rows={ledgerRows(ledger.entries)} nextCursor={next} timeZone={settings.timeZone} />,
    );
  })

  .route("/", addressRoutes)
  .route("/", orderRoutes);
