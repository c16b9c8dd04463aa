// The home page's way into 任务中心 (guests are shown how to log in there).
import { t } from "../i18n";

export function TasksLink() {
  return (
    <nav aria-label={t("tasks.homeHeading")}>
      <a class="lottery-strip" href="/tasks" data-tasks-link="">
        {t("tasks.homeHeading")} · {t("tasks.homeMore")}
      </a>
    </nav>
  );
}
