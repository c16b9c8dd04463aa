// 概率公示: each prize's current odds and what is left, from the lottery object's own table (the one it draws with).
import { t } from "../i18n";

export type OddsRow = { prizeId: string; name: string; odds: number; left: number | null };

export function formatOdds(odds: number): string {
  return `${(odds * 100).toFixed(odds > 0 && odds < 0.001 ? 4 : 2)}%`;
}

export function LotteryOdds({ rows }: { rows: OddsRow[] }) {
  return (
    <section class="lottery__odds" aria-labelledby="lottery-odds-title">
      <h2 id="lottery-odds-title">{t("lottery.odds.heading")}</h2>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t("lottery.odds.prize")}</th>
            <th scope="col">{t("lottery.odds.odds")}</th>
            <th scope="col">{t("lottery.odds.left")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.prizeId} data-prize-id={r.prizeId} data-odds={r.odds}>
              <td>{r.name}</td>
              <td>{formatOdds(r.odds)}</td>
              <td>
                {r.left === null ? t("lottery.odds.unlimited") : r.left === 0 ? t("lottery.odds.soldOut") : r.left}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="lottery__note">{t("lottery.odds.note")}</p>
    </section>
  );
}
