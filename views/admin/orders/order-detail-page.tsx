import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { OrderDetail, type OrderDetailProps } from "./order-detail";

export type AdminOrderDetailPageProps = Omit<OrderDetailProps, "csrf"> & { brandColor: string; me: AdminMeView };

/** 订单详情: the order and its actions (the same OrderDetail the actions answer with htmx). */
export function AdminOrderDetailPage({ brandColor, me, ...detail }: AdminOrderDetailPageProps) {
  return (
    <AdminLayout
      title={t("admin.orders.detailTitle", { id: detail.order.id })}
      brandColor={brandColor}
      me={me}
      current="orders"
    >
      <p>
        <a href="/admin/orders">{t("admin.orders.back")}</a>
      </p>
      <h1 class="page-title">{t("admin.orders.detailHeading")}</h1>
      <OrderDetail {...detail} csrf={me.csrf} />
    </AdminLayout>
  );
}
