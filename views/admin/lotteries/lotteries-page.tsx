// 抽奖活动 /admin/lotteries: the campaigns, and the form for a new one.
import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { LotteryForm, type LotteryFormValues } from "./lottery-form";

export type LotteryListRow = { id: string; name: string; kind: "wheel" | "scratch"; createdAt: number };

export function AdminLotteriesPage(props: {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  lotteries: LotteryListRow[];
  form: LotteryFormValues;
  tierOptions: { key: string; name: string }[];
  rows: number;
  error?: string;
}) {
  const { me, lotteries } = props;
  return (
    <AdminLayout title={t("admin.lotteries.title")} brandColor={props.brandColor} me={me} current="lotteries">
      <h1 class="page-title">{t("admin.lotteries.title")}</h1>
      {lotteries.length === 0 ? (
        <p class="panel muted">{t("admin.lotteries.empty")}</p>
      ) : (
        <ul class="panel ausers">
          {lotteries.map((l) => (
            <li class="ausers__row" key={l.id} data-lottery-id={l.id}>
              <a href={`/admin/lotteries/${l.id}`}>{l.name}</a>
              <span class="muted">
                {t(`lottery.kind.${l.kind}`)} · {formatDateTime(l.createdAt, props.timeZone)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("admin.lotteries.new")}</h2>
      {props.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {props.error}
        </p>
      )}
      <LotteryForm
        action="/admin/lotteries"
        csrf={me.csrf}
        values={props.form}
        tierOptions={props.tierOptions}
        rows={props.rows}
      />
    </AdminLayout>
  );
}
