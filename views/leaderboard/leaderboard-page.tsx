import type { ComponentChildren } from "preact";
import { PostForm } from "../components/post-form";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";

export type LeaderboardRowView = { rank: number; name: string; points: number; me: boolean };

export type LeaderboardPageProps = {
  mall: MallView;
  period: "week" | "month";
  /** the period's first and last merchant-local days, YYYY-MM-DD */
  firstDay: string;
  lastDay: string;
  top: LeaderboardRowView[];
  topSize: number;
  /** the member's view: their own row (null: nothing earned yet), their choice and the CSRF token; null: a guest */
  member: { me: LeaderboardRowView | null; optedOut: boolean; csrf: string } | null;
  /** the choice just saved */
  saved?: "in" | "out" | null;
  headerExtra?: ComponentChildren;
};

const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** 积分排行榜 (/leaderboard): this week's or month's earned points, top 50 with masked nicknames, the member's
 *  own rank below (also outside the top 50), and a form to leave or rejoin the board. No JavaScript needed. */
export function LeaderboardPage({
  mall,
  period,
  firstDay,
  lastDay,
  top,
  topSize,
  member,
  saved,
  headerExtra,
}: LeaderboardPageProps) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("leaderboard.title"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <h1 class="sr">{t("leaderboard.title")}</h1>
      <nav class="tabs" aria-label={t("leaderboard.tabs")}>
        {(["week", "month"] as const).map((p) => (
          <a class="tab" href={`/leaderboard?period=${p}`} aria-current={p === period ? "page" : undefined}>
            {t(p === "week" ? "leaderboard.week" : "leaderboard.month")}
          </a>
        ))}
      </nav>
      {saved && (
        <div class="toast" role="status">
          <p class="toast__title">{t(saved === "out" ? "leaderboard.saved.out" : "leaderboard.saved.in")}</p>
        </div>
      )}
      {member && (
        <section class="panel" data-my-rank>
          <p class="board__mine">
            {member.optedOut
              ? t("leaderboard.optedOut")
              : member.me
                ? t("leaderboard.mine", { rank: member.me.rank, points: member.me.points })
                : t("leaderboard.mineNone")}
          </p>
          <PostForm csrf={member.csrf} method="post" action="/leaderboard/opt-out" class="board__opt">
            <input type="hidden" name="optOut" value={member.optedOut ? "0" : "1"} />
            <input type="hidden" name="period" value={period} />
            <button class="btn btn--sm" type="submit">
              {t(member.optedOut ? "leaderboard.optIn" : "leaderboard.optOut")}
            </button>
            {!member.optedOut && <span class="muted"> {t("leaderboard.optOutHint")}</span>}
          </PostForm>
        </section>
      )}
      <section class="panel" aria-labelledby="board-title">
        <h2 id="board-title" class="panel__title">
          {t("leaderboard.title")}
        </h2>
        <p class="muted">{t("leaderboard.range", { from: md(firstDay), to: md(lastDay), top: topSize })}</p>
        {top.length ? (
          <ol class="board">
            {top.map((r) => (
              <li class={r.me ? "board__row board__row--me" : "board__row"} data-rank={r.rank}>
                <span class="board__rank">{t("leaderboard.rank", { rank: r.rank })}</span>
                <span class="board__name">
                  {r.name}
                  {r.me && t("leaderboard.you")}
                </span>
                <span class="board__points">{t("leaderboard.points", { points: r.points })}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{t("leaderboard.empty")}</p>
        )}
      </section>
    </Layout>
  );
}
