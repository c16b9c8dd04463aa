// 我的奖品: the member's winning draws in this lottery, newest first (sent out of band after each draw).
import { t } from "../i18n";

export type MinePrize = { key: string; name: string; at: string; orderId: string | null };

export function LotteryMine({ prizes, oob }: { prizes: MinePrize[]; oob?: boolean }) {
  return (
    <section
      id="lottery-mine"
      class="lottery__mine"
      aria-labelledby="lottery-mine-title"
      hx-swap-oob={oob ? "true" : undefined}
    >
      <h2 id="lottery-mine-title">{t("lottery.mine.heading")}</h2>
      {prizes.length === 0 ? (
        <p class="lottery__note">{t("lottery.mine.empty")}</p>
      ) : (
        <ul class="lottery__mine-list">
          {prizes.map((p) => (
            <li key={p.key} data-draw-key={p.key}>
              <span>{p.name}</span>
              <span class="lottery__when">{p.at}</span>
              {p.orderId && <a href={`/me/orders/${p.orderId}`}>{p.orderId}</a>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
