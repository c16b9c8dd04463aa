import type { ComponentChildren } from "preact";
import { CheckinResult } from "../components/checkin-result";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { CheckinResultView } from "../components/checkin-result";
import type { MallView } from "../layout";

/** The check-in result as a whole page, for a browser that posted the form without JavaScript. */
export function CheckinPage({
  mall,
  result,
  headerExtra,
}: {
  mall: MallView;
  result: CheckinResultView;
  headerExtra?: ComponentChildren;
}) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("member.checkin"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <CheckinResult result={result} />
      <p class="center">
        <a class="btn" href="/me/points">
          {t("points.title")}
        </a>
      </p>
    </Layout>
  );
}
