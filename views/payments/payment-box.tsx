// The pay box of an order awaiting its cash part (/me/orders/{id}/pay and the return page): the amount, the
// deadline, 微信支付 and 关闭订单. While a payment may be on its way it polls /me/orders/{id}/payment every
// 2 s (htmx, this same component as the fragment) and stops once the order is paid or closed.
import { formatDateTime, formatYuan } from "../format";
import { t } from "../i18n";
import { PostForm } from "../components/post-form";

export type PaymentBoxView = {
  orderId: string;
  /** The order's status (awaiting_payment, placed, completed, cancelled …). */
  status: string;
  cashFen: number;
  points: number;
  deadlineAt: number;
  timeZone: string;
  /** the payment's state, if one was started */
  paymentState: string | null;
  csrf: string;
  /** poll while waiting (the return page) */
  polling: boolean;
  notice?: { ok: boolean; text: string; code?: string };
};

export const PAYMENT_BOX_ID = "payment-box";
const base = (id: string) => `/me/orders/${encodeURIComponent(id)}`;

export function PaymentBox(p: PaymentBoxView) {
  const awaiting = p.status === "awaiting_payment" && p.paymentState !== "flagged";
  const paid = p.status !== "awaiting_payment" && p.status !== "cancelled";
  const poll = awaiting && p.polling;
  const state = paid ? "paid" : p.status === "cancelled" ? "closed" : (p.paymentState ?? "pending");
  return (
    <section
      id={PAYMENT_BOX_ID}
      class="panel pay"
      data-order-id={p.orderId}
      data-status={p.status}
      data-payment-state={state}
      hx-get={poll ? `${base(p.orderId)}/payment` : undefined}
      hx-trigger={poll ? "every 2s" : undefined}
      hx-swap={poll ? "outerHTML" : undefined}
    >
      {p.notice && (
        <div
          class={p.notice.ok ? "toast" : "alert"}
          role={p.notice.ok ? "status" : "alert"}
          data-error-code={p.notice.code}
        >
          <p>{p.notice.text}</p>
        </div>
      )}
      <p class="pay__amount">{formatYuan(p.cashFen)}</p>
      <p class="pay__state" data-payment-state={state}>
        {t(`payments.state.${state as "pending"}`)}
      </p>
      {paid && <p class="result__line">{t("payments.paidText")}</p>}
      {awaiting && (
        <>
          <p class="muted">{t("payments.due", { deadline: formatDateTime(p.deadlineAt, p.timeZone) })}</p>
          {poll && <p class="muted">{t("payments.checking")}</p>}
          <PostForm csrf={p.csrf} method="post" action={`${base(p.orderId)}/pay`}>
            <button class="btn" type="submit" data-pay-button>
              {t("payments.pay", { amount: formatYuan(p.cashFen) })}
            </button>
          </PostForm>
          <PostForm
            csrf={p.csrf}
            method="post"
            action={`${base(p.orderId)}/pay/close`}
            hx-post={`${base(p.orderId)}/pay/close`}
            hx-target={`#${PAYMENT_BOX_ID}`}
            hx-swap="outerHTML"
          >
            <button class="btn btn--secondary" type="submit" data-close-button>
              {t("payments.close")}
            </button>
          </PostForm>
        </>
      )}
      <p class="center">
        <a class="link" href={base(p.orderId)}>
          {t("payments.back")}
        </a>
      </p>
    </section>
  );
}
