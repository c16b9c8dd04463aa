// /lottery/{id}: the campaign's name, cost and limits, the draw stage (wheel or scratch card), 概率公示 and the
// member's prizes.
import type { ComponentChildren } from "preact";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { LotteryMine, type MinePrize } from "./lottery-mine";
import { LotteryOdds, type OddsRow } from "./lottery-odds";
import { LotteryStage, type LotteryStageProps } from "./lottery-stage";

export type LotteryPageProps = {
  mall: MallView;
  headerExtra?: ComponentChildren;
  name: string;
  kind: "wheel" | "scratch";
  /** The cost, limits, window and today's count, as lines. */
  facts: string[];
  stage: LotteryStageProps;
  odds: OddsRow[];
  /** null for a guest */
  mine: MinePrize[] | null;
};

export function LotteryPage({ mall, headerExtra, name, kind, facts, stage, odds, mine }: LotteryPageProps) {
  return (
    <Layout mall={mall} title={t("page.title", { title: name, mall: mall.name })} headerExtra={headerExtra}>
      <article class={`lottery lottery--${kind}`}>
        <h1 class="page-title">{name}</h1>
        <p class="lottery__kind">{t(`lottery.kind.${kind}`)}</p>
        <ul class="lottery__facts">
          {facts.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
        <LotteryStage {...stage} />
        <LotteryOdds rows={odds} />
        {mine && <LotteryMine prizes={mine} />}
      </article>
      {kind === "scratch" && <script src="/js/scratch.js" defer />}
    </Layout>
  );
}
