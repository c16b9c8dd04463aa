import type { ComponentChildren } from "preact";
import { CheckinCalendar, type CheckinCalendarProps } from "../components/checkin-calendar";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { MakeupResult, type MakeupResultView } from "./makeup-result";

/** The 补签 answer as a whole page, for a browser that posted the calendar's form without JavaScript: the
 *  result above this month's calendar (whose remaining missed days are still buttons), and the way back. */
export function MakeupPage({
  mall,
  result,
  calendar,
  headerExtra,
}: {
  mall: MallView;
  result: MakeupResultView;
  calendar: Omit<CheckinCalendarProps, "notice">;
  headerExtra?: ComponentChildren;
}) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("campaigns.makeup.pageTitle"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <h1 class="sr">{t("campaigns.makeup.pageTitle")}</h1>
      <CheckinCalendar {...calendar} notice={<MakeupResult result={result} />} />
      <p class="center">
        <a class="btn" href="/me/points">
          {t("campaigns.makeup.back")}
        </a>
      </p>
    </Layout>
  );
}
