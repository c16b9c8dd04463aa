import type { ComponentChildren } from "preact";
import type { DeliveryAddress } from "../../../domain";
import { OrderStatus } from "../../components/order-list";
import { formatDateTime, formatPointsPrice } from "../../format";
import { t } from "../../i18n";
import { Field, invalid } from "../field";
import { adminMemberHref, adminOrderHref } from "./filter-query";
import { memberLabel } from "./order-rows";
import type { AdminOrderRowView } from "./types";
import { PostForm } from "../../components/post-form";
import type { PaymentSummary } from "../../../domain";
import { PaymentPanel } from "../payments/payment-panel";

export type AdminOrderDetailView = AdminOrderRowView & {
  couponCodes: string[];
  address: DeliveryAddress | null;
  carrier: string | null;
  trackingNo: string | null;
  cancelReason: string | null;
  updatedAt: number;
  /** an order with a cash part: its payment (null until the member starts paying) and its deadline */
  cash: { payment: PaymentSummary | null; deadlineAt: number } | null;
};

/** The ship form's values as submitted and the message next to each invalid field. */
export type ShipFormState = { carrier: string; trackingNo: string; errors: { carrier?: string; trackingNo?: string } };

/** The cancel form's reason as submitted and its message when invalid. */
export type CancelFormState = { reason: string; error?: string };

/** What just happened, shown above the order. */
export type OrderNotice = { kind: "ok" | "error"; text: string; code?: string };

export const ORDER_DETAIL_ID = "order-detail";

export type OrderDetailProps = {
  order: AdminOrderDetailView;
  csrf: string;
  timeZone: string;
  notice?: OrderNotice;
  ship?: ShipFormState;
  cancel?: CancelFormState;
  /** owners see 退款 on a paid order's payment */
  canRefund?: boolean;
};

/** Which actions an order's state allows in the console. */
export function orderActions(o: Pick<AdminOrderDetailView, "status" | "itemType">) {
  const placed = o.status === "placed";
  return {
    ship: placed && o.itemType === "physical",
    fulfil: placed && o.itemType === "virtual",
    cancel: placed && o.itemType !== "coupon",
  };
}

const hx = (o: AdminOrderDetailView, action: string) => ({
  method: "post" as const,
  action: `${adminOrderHref(o.id)}/${action}`,
  "hx-post": `${adminOrderHref(o.id)}/${action}`,
  "hx-target": `#${ORDER_DETAIL_ID}`,
  "hx-swap": "outerHTML",
});

function TextField(props: {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string;
  maxLength: number;
}) {
  return (
    <Field id={props.id} name={props.name} label={props.label} error={props.error}>
      <input
        class="field__input"
        id={props.id}
        name={props.name}
        type="text"
        value={props.value}
        maxLength={props.maxLength}
        required
        {...invalid(props.id, props.error)}
      />
    </Field>
  );
}

function Row({ label, children, attr }: { label: string; children: ComponentChildren; attr?: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd data-field={attr}>{children}</dd>
    </>
  );
}

/**
 * One order as the console shows it, with the actions its state allows (发货 for a placed physical order,
 * 标记已发放 for a placed virtual one, 取消 for either). Every action answers this same component (htmx
 * swaps it in place; without JS the whole page), with what happened on top or the form's mistakes.
 */
export function OrderDetail({ order: o, csrf, timeZone, notice, ship, cancel, canRefund = false }: OrderDetailProps) {
  const can = orderActions(o);
  return (
    <section id={ORDER_DETAIL_ID} class="aorder" data-order-id={o.id} data-status={o.status}>
      {notice &&
        (notice.kind === "ok" ? (
          <div class="toast" role="status" data-notice="ok">
            <p class="toast__text">{notice.text}</p>
          </div>
        ) : (
          <div class="alert" role="alert" data-error-code={notice.code}>
            <p>{notice.text}</p>
          </div>
        ))}
      <div class="panel">
        <h2 class="panel__title aorder__head">
          <span>{t("orders.no", { id: o.id })}</span> <OrderStatus order={o} />
        </h2>
        <dl class="aorder__facts">
          <Row label={t("admin.orders.member")} attr="member">
            <a href={adminMemberHref(o.uid)}>{memberLabel(o)}</a>
          </Row>
          <Row label={t("orders.item")} attr="item">
            {o.itemName} {t("orders.qty", { qty: o.qty })}{" "}
            <span class="muted">（{t(`admin.orders.type.${o.itemType}`)}）</span>
          </Row>
          <Row label={t("admin.orders.price")} attr="points">
            {formatPointsPrice(o.points, o.cashFen)}
          </Row>
          {o.address && (
            <Row label={t("orders.address")} attr="address">
              {o.address.recipient} {o.address.phone}
              <br />
              {o.address.region} {o.address.detail}
            </Row>
          )}
          {o.couponCodes.length > 0 && (
            <Row label={t("orders.codes")} attr="codes">
              {o.couponCodes.map((c) => (
                <code class="aorder__code">{c}</code>
              ))}
            </Row>
          )}
          {o.itemType === "physical" && (
            <Row label={t("orders.shipping")} attr="tracking">
              {o.trackingNo
                ? t("orders.carrier", { carrier: o.carrier ?? "", trackingNo: o.trackingNo })
                : t("orders.notShipped")}
            </Row>
          )}
          {o.cancelReason && (
            <Row label={t("admin.orders.cancelReason")} attr="cancel-reason">
              {o.cancelReason}
            </Row>
          )}
          <Row label={t("orders.createdAt")} attr="created">
            {formatDateTime(o.createdAt, timeZone)}
          </Row>
          <Row label={t("admin.orders.updatedAt")} attr="updated">
            {formatDateTime(o.updatedAt, timeZone)}
          </Row>
        </dl>
      </div>
      {o.cash && (
        <PaymentPanel
          payment={o.cash.payment}
          deadlineAt={o.cash.deadlineAt}
          timeZone={timeZone}
          canRefund={canRefund}
          csrf={csrf}
        />
      )}
      {can.ship && (
        <PostForm csrf={csrf} class="panel fields" {...hx(o, "ship")} data-action="ship">
          <h3 class="panel__title">{t("admin.orders.ship.title")}</h3>
          <TextField
            id="ship-carrier"
            name="carrier"
            label={t("admin.orders.ship.carrier")}
            value={ship?.carrier ?? ""}
            error={ship?.errors.carrier}
            maxLength={40}
          />
          <TextField
            id="ship-tracking"
            name="trackingNo"
            label={t("admin.orders.ship.trackingNo")}
            value={ship?.trackingNo ?? ""}
            error={ship?.errors.trackingNo}
            maxLength={40}
          />
          <button class="btn btn--block" type="submit">
            {t("admin.orders.ship.submit")}
          </button>
        </PostForm>
      )}
      {can.fulfil && (
        <PostForm csrf={csrf} class="panel fields" {...hx(o, "fulfil")} data-action="fulfil">
          <h3 class="panel__title">{t("admin.orders.fulfil.title")}</h3>
          <p class="hint">{t("admin.orders.fulfil.hint")}</p>
          <button class="btn btn--block" type="submit">
            {t("admin.orders.fulfil.submit")}
          </button>
        </PostForm>
      )}
      {can.cancel && (
        <PostForm csrf={csrf} class="panel fields" {...hx(o, "cancel")} data-action="cancel">
          <h3 class="panel__title">{t("admin.orders.cancel.title")}</h3>
          <p class="hint">{t("admin.orders.cancel.hint")}</p>
          <TextField
            id="cancel-reason"
            name="reason"
            label={t("admin.orders.cancel.reason")}
            value={cancel?.reason ?? ""}
            error={cancel?.error}
            maxLength={200}
          />
          <button class="btn btn--block btn--ghost" type="submit">
            {t("admin.orders.cancel.submit")}
          </button>
        </PostForm>
      )}
    </section>
  );
}
