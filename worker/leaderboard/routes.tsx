// 积分排行榜: GET /leaderboard?period=week|month (guests see the board; a member also their own rank and the
// opt-out form) and POST /leaderboard/opt-out {optOut: 1|0} (CSRF-checked by requireMember), answered with a
// redirect back to the board, so it works without JavaScript.
import { Hono } from "hono";
import { z } from "zod";
import { MemberBar } from "../../views/components/member-bar";
import { LeaderboardPage } from "../../views/leaderboard/leaderboard-page";
import type { AppEnv } from "../app-env";
import { loadMemberBar } from "../member/member-bar";
import { pageResponse } from "../render";
import { loadSettings, walletRules } from "../settings/load-settings";
import { requireMember } from "../shop/require-member";
import { validate } from "../validate";
import { readBoard, setOptOut, TOP } from "./board";
import { PERIODS, periodWindow } from "./periods";

const BoardQuery = z.object({
  period: z.enum(PERIODS).default("week"),
  saved: z.enum(["in", "out"]).optional(),
});
const OptOutForm = z.object({ optOut: z.enum(["0", "1"]), period: z.enum(PERIODS).default("week") });

export const leaderboardRoutes = new Hono<AppEnv>()
  .get("/leaderboard", validate("query", BoardQuery, "BAD_REQUEST"), async (c) => {
    const { period, saved } = c.req.valid("query");
    const settings = await loadSettings(c.var.db);
    const now = Date.now();
    const session = c.var.session;
    const window = periodWindow(period, now, settings.timeZone);
    const [{ bar }, board] = await Promise.all([
      loadMemberBar(c.env, session, walletRules(settings), now),
      readBoard(c.var.db, window, session?.uid ?? null),
    ]);
    return pageResponse(
      <LeaderboardPage
        mall={settings.mall}
        period={period}
        firstDay={window.firstDay}
        lastDay={window.lastDay}
        top={board.top}
        topSize={TOP}
        member={bar.kind === "member" ? { me: board.me, optedOut: board.optedOut, csrf: bar.csrf } : null}
        saved={bar.kind === "member" ? (saved ?? null) : null}
        headerExtra={<MemberBar bar={bar} />}
      />,
      settings.mall.brandColor,
    );
  })

  .post("/leaderboard/opt-out", requireMember, validate("form", OptOutForm), async (c) => {
    const { optOut, period } = c.req.valid("form");
    await setOptOut(c.var.db, c.var.member.uid, optOut === "1", Date.now());
    return c.redirect(`/leaderboard?period=${period}&saved=${optOut === "1" ? "out" : "in"}`, 303);
  });
