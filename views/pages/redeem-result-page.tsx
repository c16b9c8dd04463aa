import type { ComponentChildren } from "preact";
import { RedeemOutcome } from "../components/redeem-result";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { RedeemOutcomeView } from "../components/redeem-result";
import type { MallView } from "../layout";

/** The redemption's answer as a whole page, for a browser that posted the form without JavaScript. */
export function RedeemResultPage({
  mall,
  itemId,
  outcome,
  headerExtra,
}: {
  mall: MallView;
  itemId: number;
  outcome: RedeemOutcomeView;
  headerExtra?: ComponentChildren;
}) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("redeem.resultTitle"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      {outcome.ok && <h1 class="sr">{t("redeem.ok")}</h1>}
      <RedeemOutcome itemId={itemId} outcome={outcome} />
    </Layout>
  );
}
