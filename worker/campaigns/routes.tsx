// The member's side of campaigns: 补签 (POST /checkin/makeup, a missed day of this month made up for points
// through the wallet, ref makeup:<date>; in Duiba mode its cost is the merchant's 扣积分, ../duiba/makeup-charge.ts) and 我的生日 (GET/POST /me/birthday, set once, then read-only). Both
// are CSRF-checked by requireMember; with htmx the answer is the swapped panel and the balance badge out of
// band, without JS the page with the result.
import { Hono } from "hono";
import { z } from "zod";
import { BirthdayPage, BirthdayPanel } from "../../views/campaigns/birthday-page";
import { MakeupPage } from "../../views/campaigns/makeup-page";
import { MakeupResult, type MakeupResultView } from "../../views/campaigns/makeup-result";
import { BalanceBadge } from "../../views/components/balance-badge";
import { CheckinCalendar, type CheckinCalendarProps } from "../../views/components/checkin-calendar";
import { MemberBar } from "../../views/components/member-bar";
import { lazy, t } from "../../views/i18n";
import type { AppEnv } from "../app-env";
import { duibaFor } from "../duiba/account-stub";
import { duibaConfigFor } from "../duiba/balance";
import { forwardEarned } from "../duiba/earned";
import { makeupDuiba } from "../duiba/makeup-charge";
import { makeupRef } from "../wallet/makeup";
import { ERROR_CODES } from "../errors";
import { loadMemberBar } from "../member/member-bar";
import { refusalText } from "../object-text";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { LocalDate } from "../settings/rules";
import { loadSettings, walletRules } from "../settings/load-settings";
import { requireMember } from "../shop/require-member";
import { validate } from "../validate";
import type { WalletSummary } from "../wallet/types";
import { walletFor } from "../wallet/wallet-stub";

const MakeupForm = z.object({ date: LocalDate });

const BirthdayForm = z.object({
  month: z.string().regex(/^(0?[1-9]|1[0-2])$/, { error: lazy("campaigns.birthday.field.month") }),
  day: z.string().regex(/^(0?[1-9]|[12]\d|3[01])$/, { error: lazy("campaigns.birthday.field.day") }),
  year: z
    .string()
    .trim()
    .regex(/^(19|20)\d{2}$|^$/, { error: lazy("campaigns.birthday.field.year") })
    .optional(),
});

const pad = (s: string) => s.padStart(2, "0");

/** The calendar as the wallet's summary has it; make-up buttons only for a member who may use them. */
export function calendarProps(summary: WalletSummary, csrf: string | null): Omit<CheckinCalendarProps, "notice"> {
  const c = summary.checkin;
  return {
    today: c.today,
    monthDates: c.monthDates,
    streak: c.streak,
    madeUpDates: c.madeUpDates,
    makeup: c.makeup,
    csrf,
  };
}

export const campaignRoutes = new Hono<AppEnv>()
  .post("/checkin/makeup", requireMember, validate("form", MakeupForm), async (c) => {
    const settings = await loadSettings(c.var.db);
    const session = c.var.member;
    const { date } = c.req.valid("form");
    const now = Date.now();
    const rules = walletRules(settings);
    const wallet = walletFor(c.env, session.uid);
    const [before, duiba] = await Promise.all([
      loadMemberBar(c.env, session, rules, now),
      // Duiba mode, a Duiba member: the cost is the merchant's 扣积分 (worker/duiba/makeup-charge.ts).
      duibaConfigFor(c.env, c.var.db, session.uid),
    ]);
    const blocked = before.bar.kind === "member" && before.bar.blocked === true;
    const m = { uid: session.uid, date, now, rules };
    // A blocked member is neither charged nor paid; the wallet is not asked.
    const outcome = blocked
      ? null
      : duiba
        ? await makeupDuiba(wallet, duibaFor(c.env, session.uid), duiba, m)
        : await wallet.makeupCheckin(m);
    // The made-up day's reward goes to the merchant as 加积分 (the wallet queued it too, for its alarm).
    if (duiba && outcome?.ok && outcome.points > 0)
      await forwardEarned(c.env, c.var.db, {
        uid: session.uid,
        ref: makeupRef(outcome.date),
        credits: outcome.points,
        kind: "checkin",
        now,
      });
    const result: MakeupResultView = !outcome
      ? { ok: false, message: t("error.MEMBER_BLOCKED") }
      : outcome.ok
        ? {
            ok: true,
            date: outcome.date,
            points: outcome.points,
            cost: outcome.cost,
            streak: outcome.streak,
            left: outcome.left,
          }
        : "cost" in outcome
          ? { ok: false, message: t(`campaigns.makeup.duiba.${outcome.code}`, { cost: outcome.cost }) }
          : { ok: false, message: refusalText(outcome) };
    const status = !outcome ? ERROR_CODES.MEMBER_BLOCKED.status : outcome.ok ? 200 : ERROR_CODES[outcome.code].status;
    const { bar, summary } = outcome?.ok ? await loadMemberBar(c.env, session, rules, now) : before;
    const csrf = bar.kind === "member" && !blocked ? bar.csrf : null;
    const calendar = calendarProps(summary!, csrf);
    if (isHtmx(c.req.raw)) {
      return fragmentResponse(
        <>
          <CheckinCalendar {...calendar} notice={<MakeupResult result={result} />} />
          <BalanceBadge balance={summary!.balance} oob />
        </>,
        status,
      );
    }
    return pageResponse(
      <MakeupPage mall={settings.mall} result={result} calendar={calendar} headerExtra={<MemberBar bar={bar} />} />,
      settings.mall.brandColor,
      status,
    );
  })

  .get("/me/birthday", requireMember, async (c) => {
    const settings = await loadSettings(c.var.db);
    const { bar, summary } = await loadMemberBar(c.env, c.var.member, walletRules(settings), Date.now());
    return pageResponse(
      <BirthdayPage
        mall={settings.mall}
        csrf={bar.kind === "member" ? bar.csrf : ""}
        birthday={summary!.birthday}
        rule={settings.rules.birthday}
        headerExtra={<MemberBar bar={bar} />}
      />,
      settings.mall.brandColor,
    );
  })

  .post("/me/birthday", requireMember, validate("form", BirthdayForm), async (c) => {
    const settings = await loadSettings(c.var.db);
    const session = c.var.member;
    const form = c.req.valid("form");
    const now = Date.now();
    const rules = walletRules(settings);
    const birthday = form.year
      ? `${form.year}-${pad(form.month)}-${pad(form.day)}`
      : `${pad(form.month)}-${pad(form.day)}`;
    const outcome = await walletFor(c.env, session.uid).setBirthday({
      uid: session.uid,
      birthday,
      by: "member",
      now,
      rules,
    });
    const error = outcome.ok ? null : refusalText(outcome);
    const status = outcome.ok ? 200 : ERROR_CODES[outcome.code].status;
    const { bar, summary } = await loadMemberBar(c.env, session, rules, now);
    const panel = {
      csrf: bar.kind === "member" ? bar.csrf : "",
      birthday: summary!.birthday,
      rule: settings.rules.birthday,
      saved: outcome.ok && outcome.changed,
      error,
      form: { month: form.month, day: form.day, year: form.year ?? "" },
    };
    if (isHtmx(c.req.raw)) return fragmentResponse(<BirthdayPanel {...panel} />, status);
    return pageResponse(
      <BirthdayPage mall={settings.mall} headerExtra={<MemberBar bar={bar} />} {...panel} />,
      settings.mall.brandColor,
      status,
    );
  });
