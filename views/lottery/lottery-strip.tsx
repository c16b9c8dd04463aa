// The home page's link to the lotteries open now.
import { t } from "../i18n";

export type LiveLotteryView = { id: string; name: string; kind: "wheel" | "scratch" };

export function LotteryStrip({ lotteries }: { lotteries: LiveLotteryView[] }) {
  if (lotteries.length === 0) return null;
  return (
    <nav aria-label={t("lottery.homeHeading")}>
      {lotteries.map((l) => (
        <a key={l.id} class="lottery-strip" href={`/lottery/${l.id}`} data-lottery-id={l.id}>
          {t("lottery.homeLink", { kind: t(`lottery.kind.${l.kind}`), name: l.name })}
        </a>
      ))}
    </nav>
  );
}
