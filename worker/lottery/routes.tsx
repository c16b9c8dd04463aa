// The member's lottery pages: GET /lottery/{id} (the wheel or scratch card, 概率公示, 我的奖品) and
// POST /lottery/{id}/draw (CSRF-checked; the form's key is a UUID rendered with the page, so a double tap is
// one draw). With htmx the answer is the stage (the wheel turned to the server's prize), the balance badge and
// 我的奖品 out of band; without JS it is the whole page with the same stage.
import { duibaConfigFor } from "../duiba/balance";
import { forwardEarned } from "../duiba/earned";
import { prizeRef } from "./deliver";
import { Hono } from "hono";
import { z } from "zod";
import { BalanceBadge } from "../../views/components/balance-badge";
import { LoginPrompt } from "../../views/components/login-prompt";
import { MemberBar } from "../../views/components/member-bar";
import { t } from "../../views/i18n";
import { LotteryMine } from "../../views/lottery/lottery-mine";
import { LotteryPage } from "../../views/lottery/lottery-page";
import { LotteryStage } from "../../views/lottery/lottery-stage";
import { LoginPage } from "../../views/pages/login-page";
import type { AppEnv } from "../app-env";
import { AppError, ERROR_CODES } from "../errors";
import { CSRF_FIELD, verifyCsrf } from "../identity/csrf";
import { isMemberBlocked } from "../member/blocked";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { loadSettings, walletRules } from "../settings/load-settings";
import { lotteryFor } from "./lottery-stub";
import { walletFor } from "../wallet/wallet-stub";
import { defaultAddress, loadLotteryPage, needsAddress, outcomeOf, tierNamesOf } from "./page-data";
import { LOTTERY_ID, readLottery, versionedOf } from "./rows";
import type { DrawResult } from "./types";

const DrawKey = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((k) => k.toLowerCase());

function lotteryIdOf(raw: string | undefined): string {
  if (!raw || !LOTTERY_ID.test(raw)) throw new AppError("LOTTERY_NOT_FOUND");
  return raw;
}

export const lotteryRoutes = new Hono<AppEnv>()
  .get("/lottery/:id", async (c) => {
    const id = lotteryIdOf(c.req.param("id"));
    const data = await loadLotteryPage(c.env, c.var.db, c.var.session, id, Date.now());
    if (!data) throw new AppError("LOTTERY_NOT_FOUND");
    return pageResponse(
      <LotteryPage {...data.props} headerExtra={<MemberBar bar={data.bar} />} />,
      data.settings.mall.brandColor,
    );
  })

  .post("/lottery/:id/draw", async (c) => {
    const id = lotteryIdOf(c.req.param("id"));
    const htmx = isHtmx(c.req.raw);
    const session = c.var.session;
    if (!session) {
      if (htmx) return fragmentResponse(<LoginPrompt />, 401);
      const { mall } = await loadSettings(c.var.db);
      return pageResponse(<LoginPage mall={mall} reason={t("login.needed")} />, mall.brandColor, 401);
    }
    const body = await c.req.parseBody();
    if (!(await verifyCsrf(c.req.raw, c.env.SESSION_SECRET, session, body[CSRF_FIELD])))
      throw new AppError("CSRF_FAILED");
    const key = DrawKey.safeParse(body.key);
    if (!key.success) throw new AppError("VALIDATION_FAILED", t("lottery.error.BAD_KEY"));
    const db = c.var.db;
    const [row, settings, blocked] = await Promise.all([
      readLottery(db, id),
      loadSettings(db),
      isMemberBlocked(db, session.uid),
    ]);
    if (!row) throw new AppError("LOTTERY_NOT_FOUND");
    if (blocked) throw new AppError("MEMBER_BLOCKED");
    const v = versionedOf(row);
    const now = Date.now();
    const rules = walletRules(settings);
    const limited = (v.config.tiers ?? []).length > 0;
    const [physical, summary, duiba] = await Promise.all([
      needsAddress(db, v.config),
      // The member's tier, exactly from their wallet, only when the lottery is limited to tiers.
      limited ? walletFor(c.env, session.uid).summary({ uid: session.uid, now, rules }) : Promise.resolve(null),
      // Duiba mode, a Duiba member: the merchant's 扣积分 takes the cost (./duiba-cost.ts).
      duibaConfigFor(c.env, db, session.uid),
    ]);
    const address = physical ? await defaultAddress(db, session.uid) : null;
    const result: DrawResult =
      physical && address === null
        ? { ok: false, code: "ADDRESS_REQUIRED" }
        : await lotteryFor(c.env, id).draw({
            ...v,
            uid: session.uid,
            key: key.data,
            now,
            rules,
            address,
            tier: summary?.tier.key ?? null,
            duiba,
          });
    // Duiba mode: a points prize goes to the merchant as 加积分 under the prize's ref.
    if (result.ok && result.draw.state === "DONE" && result.draw.prize?.kind === "points")
      await forwardEarned(c.env, db, {
        uid: session.uid,
        ref: prizeRef(id, result.draw.key),
        credits: result.draw.prize.points ?? 0,
        kind: "lottery",
        now,
      });
    const outcome = outcomeOf(result, v.config, tierNamesOf(v.config, settings));
    const status = result.ok ? 200 : ERROR_CODES[result.code].status;
    const data = await loadLotteryPage(c.env, db, session, id, now, outcome);
    if (!data) throw new AppError("LOTTERY_NOT_FOUND");
    if (htmx) {
      return fragmentResponse(
        <>
          <LotteryStage {...data.props.stage} />
          {data.bar.kind === "member" && <BalanceBadge balance={data.bar.balance} oob />}
          {data.props.mine && <LotteryMine prizes={data.props.mine} oob />}
        </>,
        status,
      );
    }
    return pageResponse(
      <LotteryPage {...data.props} headerExtra={<MemberBar bar={data.bar} />} />,
      data.settings.mall.brandColor,
      status,
    );
  });
