import type { ComponentChildren } from "preact";
import { MeNav } from "../components/me-nav";
import { Message } from "../components/message";
import { OrderDetail, type OrderDetailProps } from "../components/order-detail";
import { OrderRows, type OrderRowsProps } from "../components/order-list";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { MallView } from "../layout";

/** 我的订单 (/me/orders): newest first, paged. */
export function OrdersPage({
  mall,
  list,
  headerExtra,
  csrf,
}: {
  mall: MallView;
  list: OrderRowsProps;
  headerExtra?: ComponentChildren;
  csrf?: string | null;
}) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("orders.title"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <h1 class="sr">{t("orders.title")}</h1>
      <MeNav current="orders" csrf={csrf} />
      {list.orders.length ? (
        <section class="panel" aria-label={t("orders.title")}>
          <ol class="orders plain">
            <OrderRows {...list} />
          </ol>
        </section>
      ) : (
        <Message
          icon="empty"
          heading="h2"
          title={t("orders.empty")}
          text={t("orders.emptyHint")}
          action={{ href: "/", label: t("orders.browse") }}
        />
      )}
    </Layout>
  );
}

/** One order (/me/orders/{id}). */
export function OrderPage({
  mall,
  detail,
  headerExtra,
}: {
  mall: MallView;
  detail: OrderDetailProps;
  headerExtra?: ComponentChildren;
}) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("orders.title"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <MeNav current="orders" csrf={detail.csrf} />
      <OrderDetail {...detail} />
      <p class="center">
        <a class="link" href="/me/orders">
          {t("orders.back")}
        </a>
      </p>
    </Layout>
  );
}
