import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { AdminMeView } from "../types";
import { filterQuery } from "./filter-query";
import { AdminOrderRows, type AdminOrderRowsProps } from "./order-rows";
import type { AdminOrderFilter } from "./types";
import { ORDER_STATUSES } from "../../../domain";

export type AdminOrdersPageProps = AdminOrderRowsProps & {
  brandColor: string;
  me: AdminMeView;
  /** the filter's problem (422), shown above the form */
  error?: string;
  /** a page after the first (no-JS paging): offers the way back to the first page */
  paged?: boolean;
};

function FilterForm({ filter }: { filter: AdminOrderFilter }) {
  return (
    <form class="panel afilter" method="get" action="/admin/orders" aria-label={t("admin.orders.filter.label")}>
      <Field id="f-status" label={t("admin.orders.filter.status")}>
        <select class="field__input" id="f-status" name="status">
          <option value="">{t("admin.orders.filter.any")}</option>
          {ORDER_STATUSES.map((s) => (
            <option value={s} selected={filter.status === s}>
              {t(`orders.status.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="f-item" label={t("admin.orders.filter.itemId")}>
        <input class="field__input" id="f-item" name="itemId" type="text" inputMode="numeric" value={filter.itemId} />
      </Field>
      <Field id="f-uid" label={t("admin.orders.filter.uid")}>
        <input class="field__input" id="f-uid" name="uid" type="text" value={filter.uid} />
      </Field>
      <Field id="f-from" label={t("admin.orders.filter.from")}>
        <input class="field__input" id="f-from" name="from" type="date" value={filter.from} />
      </Field>
      <Field id="f-to" label={t("admin.orders.filter.to")}>
        <input class="field__input" id="f-to" name="to" type="date" value={filter.to} />
      </Field>
      <div class="afilter__actions">
        <button class="btn btn--sm" type="submit">
          {t("admin.orders.filter.submit")}
        </button>
        <a class="btn btn--sm btn--ghost" href="/admin/orders">
          {t("admin.orders.filter.clear")}
        </a>
      </div>
    </form>
  );
}

/** 订单: the filter, 导出 CSV of what it matches, 批量发货, and the orders newest first (paged). */
export function AdminOrdersPage({
  brandColor,
  me,
  orders,
  nextCursor,
  filter,
  timeZone,
  error,
  paged,
}: AdminOrdersPageProps) {
  return (
    <AdminLayout title={t("admin.orders.title")} brandColor={brandColor} me={me} current="orders">
      <h1 class="page-title">{t("admin.orders.title")}</h1>
      <p class="aorders__tools">
        <a class="btn btn--sm" href="/admin/orders/batch-ship">
          {t("admin.orders.batch.link")}
        </a>{" "}
        <a class="btn btn--sm btn--ghost" href={`/admin/orders/export.csv${filterQuery(filter)}`} download data-export>
          {t("admin.orders.export")}
        </a>
      </p>
      {error && (
        <div class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          <p>{error}</p>
        </div>
      )}
      <FilterForm filter={filter} />
      {paged && (
        <p>
          <a href={`/admin/orders${filterQuery(filter)}`}>{t("admin.orders.firstPage")}</a>
        </p>
      )}
      {orders.length === 0 ? (
        <p class="panel muted center" data-empty>
          {t("admin.orders.empty")}
        </p>
      ) : (
        <ul class="panel aorders" id="admin-orders">
          <AdminOrderRows orders={orders} nextCursor={nextCursor} filter={filter} timeZone={timeZone} />
        </ul>
      )}
    </AdminLayout>
  );
}
