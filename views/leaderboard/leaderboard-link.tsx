// The home page's way into 积分排行榜.
import { t } from "../i18n";

export function LeaderboardLink() {
  return (
    <nav aria-label={t("leaderboard.title")}>
      <a class="lottery-strip" href="/leaderboard" data-leaderboard-link="">
        {t("leaderboard.title")} · {t("leaderboard.week")} / {t("leaderboard.month")}
      </a>
    </nav>
  );
}
