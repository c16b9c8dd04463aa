// One lottery in the console: prize stock (awarded, left, current odds), the totals, the edit form, the
// latest draws and the winners (both read from the lottery's object).
import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { formatOdds } from "../../lottery/lottery-odds";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { LotteryForm, type LotteryFormValues } from "./lottery-form";

export type AdminPrizeRow = {
  id: string;
  name: string;
  weight: number;
  stock: number | null;
  awarded: number;
  left: number | null;
  odds: number;
};
export type AdminDrawRow = {
  key: string;
  uid: string;
  state: "PAYING" | "DECIDED" | "DONE" | "REFUNDING" | "REFUNDED" | "REFUSED";
  prize: string | null;
  cost: number;
  orderId: string | null;
  createdAt: number;
};

function Draws({ rows, timeZone, label }: { rows: AdminDrawRow[]; timeZone: string; label: string }) {
  return (
    <table class="atable" aria-label={label}>
      <thead>
        <tr>
          <th>{t("admin.lotteries.time")}</th>
          <th>{t("admin.lotteries.member")}</th>
          <th>{t("admin.lotteries.prize")}</th>
          <th>{t("admin.lotteries.state")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.key} data-draw-key={d.key} data-state={d.state}>
            <td>{formatDateTime(d.createdAt, timeZone)}</td>
            <td>
              <a href={`/admin/members/${d.uid}`}>{d.uid}</a>
            </td>
            <td>
              {d.prize ?? "—"}
              {d.orderId && ` · ${d.orderId}`}
            </td>
            <td>{t(`admin.lotteries.state.${d.state}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AdminLotteryPage(props: {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  id: string;
  name: string;
  prizes: AdminPrizeRow[];
  totals: { draws: number; members: number };
  form: LotteryFormValues;
  tierOptions: { key: string; name: string }[];
  rows: number;
  draws: AdminDrawRow[];
  nextCursor: number | null;
  winners: AdminDrawRow[];
  saved?: boolean;
  error?: string;
}) {
  const { me, id } = props;
  return (
    <AdminLayout title={props.name} brandColor={props.brandColor} me={me} current="lotteries">
      <h1 class="page-title">{props.name}</h1>
      <p>
        <a href={`/lottery/${id}`}>{t("admin.lotteries.link")}</a> ·{" "}
        {t("admin.lotteries.totals", { draws: props.totals.draws, members: props.totals.members })}
      </p>
      {props.saved && (
        <p class="alert alert--info" role="status">
          {t("admin.lotteries.saved")}
        </p>
      )}
      <table class="atable" aria-label={t("admin.lotteries.prizes")}>
        <thead>
          <tr>
            <th>{t("admin.lotteries.prizeName")}</th>
            <th>{t("admin.lotteries.weight")}</th>
            <th>{t("admin.lotteries.stock")}</th>
            <th>{t("admin.lotteries.awarded")}</th>
            <th>{t("admin.lotteries.left")}</th>
            <th>{t("admin.lotteries.odds")}</th>
          </tr>
        </thead>
        <tbody>
          {props.prizes.map((p) => (
            <tr key={p.id} data-prize-id={p.id}>
              <td>{p.name}</td>
              <td>{p.weight}</td>
              <td>{p.stock ?? t("lottery.odds.unlimited")}</td>
              <td data-awarded={p.awarded}>{p.awarded}</td>
              <td>{p.left ?? t("lottery.odds.unlimited")}</td>
              <td>{formatOdds(p.odds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.lotteries.edit")}</h2>
      {props.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {props.error}
        </p>
      )}
      <LotteryForm
        action={`/admin/lotteries/${id}`}
        csrf={me.csrf}
        values={props.form}
        tierOptions={props.tierOptions}
        rows={props.rows}
      />
      <h2>{t("admin.lotteries.winners")}</h2>
      <Draws rows={props.winners} timeZone={props.timeZone} label={t("admin.lotteries.winners")} />
      <h2>{t("admin.lotteries.draws")}</h2>
      <Draws rows={props.draws} timeZone={props.timeZone} label={t("admin.lotteries.draws")} />
      {props.nextCursor !== null && (
        <p>
          <a href={`/admin/lotteries/${id}?cursor=${props.nextCursor}`}>{t("admin.lotteries.more")}</a>
        </p>
      )}
    </AdminLayout>
  );
}
