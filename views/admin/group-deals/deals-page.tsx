// 拼团 /admin/group-deals: the deals, and the form for a new one.
import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { DealForm, type DealFormValues } from "./deal-form";

export type DealListRow = {
  id: string;
  itemId: number;
  itemName: string;
  groupSize: number;
  pointsPrice: number;
  enabled: boolean;
  createdAt: number;
};

export function AdminGroupDealsPage(props: {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  deals: DealListRow[];
  form: DealFormValues;
  tierOptions: { key: string; name: string }[];
  error?: string;
}) {
  const { me, deals } = props;
  return (
    <AdminLayout title={t("admin.groupDeals.title")} brandColor={props.brandColor} me={me} current="groupDeals">
      <h1 class="page-title">{t("admin.groupDeals.title")}</h1>
      {deals.length === 0 ? (
        <p class="panel muted">{t("admin.groupDeals.empty")}</p>
      ) : (
        <ul class="panel ausers">
          {deals.map((d) => (
            <li class="ausers__row" key={d.id} data-deal-id={d.id}>
              <a href={`/admin/group-deals/${d.id}`}>{d.itemName}</a>
              <span class="muted">
                {t("groupBuy.dealLine", { size: d.groupSize, price: d.pointsPrice })} ·{" "}
                {d.enabled ? t("admin.groupDeals.on") : t("admin.groupDeals.off")} ·{" "}
                {formatDateTime(d.createdAt, props.timeZone)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("admin.groupDeals.new")}</h2>
      {props.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {props.error}
        </p>
      )}
      <DealForm action="/admin/group-deals" csrf={me.csrf} values={props.form} tierOptions={props.tierOptions} />
    </AdminLayout>
  );
}
