// 拼团 /admin/group-deals/{id}: the deal's edit form and its groups with state and outcomes (members served,
// members refunded), each group's seats exact from its object on its own page.
import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { DealForm, type DealFormValues } from "./deal-form";

export type AdminGroupRow = {
  id: string;
  state: "open" | "filled" | "completed" | "failing" | "failed";
  taken: number;
  size: number;
  ordered: number;
  refunded: number;
  openedAt: number;
  deadline: number;
  completedAt: number | null;
};

export function AdminGroupDealPage(props: {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  id: string;
  itemName: string;
  form: DealFormValues;
  tierOptions: { key: string; name: string }[];
  groups: AdminGroupRow[];
  saved?: boolean;
  error?: string;
}) {
  const tz = props.timeZone;
  return (
    <AdminLayout title={t("admin.groupDeals.title")} brandColor={props.brandColor} me={props.me} current="groupDeals">
      <h1 class="page-title">{t("admin.groupDeals.detail", { item: props.itemName })}</h1>
      {props.saved && (
        <p class="notice" role="status">
          {t("admin.groupDeals.saved")}
        </p>
      )}
      {props.error && (
        <p class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          {props.error}
        </p>
      )}
      <DealForm
        action={`/admin/group-deals/${props.id}`}
        csrf={props.me.csrf}
        values={props.form}
        tierOptions={props.tierOptions}
      />
      <h2>{t("admin.groupDeals.groups")}</h2>
      {props.groups.length === 0 ? (
        <p class="panel muted">{t("admin.groupDeals.noGroups")}</p>
      ) : (
        <table class="panel atable">
          <thead>
            <tr>
              <th>{t("admin.groupDeals.group")}</th>
              <th>{t("admin.groupDeals.state")}</th>
              <th>{t("admin.groupDeals.taken")}</th>
              <th>{t("admin.groupDeals.outcome")}</th>
              <th>{t("admin.groupDeals.opened")}</th>
              <th>{t("admin.groupDeals.deadline")}</th>
            </tr>
          </thead>
          <tbody>
            {props.groups.map((g) => (
              <tr key={g.id} data-group-id={g.id} data-group-state={g.state}>
                <td>
                  <a href={`/admin/group-deals/${props.id}/groups/${g.id}`}>{g.id}</a>
                </td>
                <td>{t(`groupBuy.state.${g.state}`)}</td>
                <td>{t("groupBuy.taken", { taken: g.taken, size: g.size })}</td>
                <td>{t("admin.groupDeals.outcomeLine", { ordered: g.ordered, refunded: g.refunded })}</td>
                <td>{formatDateTime(g.openedAt, tz)}</td>
                <td>{g.completedAt ? formatDateTime(g.completedAt, tz) : formatDateTime(g.deadline, tz)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

export type AdminSeatRow = {
  uid: string;
  state: string;
  points: number;
  orderId: string | null;
  code: string | null;
  joinedAt: number;
};

/** One group's seats as its object holds them (uids unmasked: the merchant's own console). */
export function AdminGroupPage(props: {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  dealId: string;
  groupId: string;
  itemName: string;
  state: AdminGroupRow["state"];
  seats: AdminSeatRow[];
}) {
  return (
    <AdminLayout title={t("admin.groupDeals.title")} brandColor={props.brandColor} me={props.me} current="groupDeals">
      <h1 class="page-title">{t("admin.groupDeals.groupTitle", { id: props.groupId, item: props.itemName })}</h1>
      <p data-group-state={props.state}>{t(`groupBuy.state.${props.state}`)}</p>
      <table class="panel atable">
        <thead>
          <tr>
            <th>{t("admin.groupDeals.member")}</th>
            <th>{t("admin.groupDeals.state")}</th>
            <th>{t("admin.groupDeals.points")}</th>
            <th>{t("admin.groupDeals.order")}</th>
            <th>{t("admin.groupDeals.joined")}</th>
          </tr>
        </thead>
        <tbody>
          {props.seats.map((s) => (
            <tr key={`${s.uid}-${s.joinedAt}`} data-seat-state={s.state}>
              <td>
                <a href={`/admin/members/${encodeURIComponent(s.uid)}`}>{s.uid}</a>
              </td>
              <td>
                {s.state}
                {s.code ? ` (${s.code})` : ""}
              </td>
              <td>{s.points}</td>
              <td>{s.orderId ? <a href={`/admin/orders/${encodeURIComponent(s.orderId)}`}>{s.orderId}</a> : "—"}</td>
              <td>{formatDateTime(s.joinedAt, props.timeZone)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href={`/admin/group-deals/${props.dealId}`}>{t("admin.groupDeals.back")}</a>
      </p>
    </AdminLayout>
  );
}
