// 现金支付 on the console's order page: the payment of an order's cash part as it stands (state, channel,
// amounts, deadline, the provider's ids, the refund), and 退款 for owners when the state allows it.
import type { PaymentSummary } from "../../../domain";
import { needsAttention } from "../../../domain";
import { PostForm } from "../../components/post-form";
import { formatDateTime, formatYuan } from "../../format";
import { t } from "../../i18n";
import { refundStatusText } from "./payment-attention";

export const refundable = (state: string) => state === "paid" || state === "flagged" || state === "refunding";

export function PaymentPanel(p: {
  payment: PaymentSummary | null;
  /** the order's own deadline, shown before the member has started paying */
  deadlineAt: number;
  timeZone: string;
  /** owners may refund (支付 is an owner's section) */
  canRefund: boolean;
  csrf: string;
}) {
  const pay = p.payment;
  return (
    <section
      class="panel"
      aria-label={t("admin.payments.panel")}
      data-payment-panel={pay?.state ?? "none"}
      data-attention={pay && needsAttention(pay) ? "1" : undefined}
    >
      <h3 class="panel__title">{t("admin.payments.panel")}</h3>
      {!pay ? (
        <dl class="aorder__facts">
          <dt>{t("admin.payments.state")}</dt>
          <dd>{t("admin.payments.none")}</dd>
          <dt>{t("admin.payments.deadline")}</dt>
          <dd data-field="pay-deadline">{formatDateTime(p.deadlineAt, p.timeZone)}</dd>
        </dl>
      ) : (
        <dl class="aorder__facts">
          <dt>{t("admin.payments.state")}</dt>
          <dd data-field="pay-state">
            {t(`payments.state.${pay.state}`)}
            {pay.flag && <span class="muted"> {pay.flag}</span>}
          </dd>
          <dt>{t("admin.payments.amount")}</dt>
          <dd data-field="pay-amount">{formatYuan(pay.amountFen)}</dd>
          {pay.reportedFen !== null && pay.reportedFen !== pay.amountFen && (
            <>
              <dt>{t("admin.payments.reported")}</dt>
              <dd data-field="pay-reported">{formatYuan(pay.reportedFen)}</dd>
            </>
          )}
          {pay.channel && (
            <>
              <dt>{t("admin.payments.channel")}</dt>
              <dd data-field="pay-channel">
                {pay.channel === "jsapi" || pay.channel === "h5"
                  ? t(`admin.payments.channel.${pay.channel}`)
                  : pay.channel}
              </dd>
            </>
          )}
          <dt>{t("admin.payments.deadline")}</dt>
          <dd data-field="pay-deadline">{formatDateTime(pay.deadlineAt, p.timeZone)}</dd>
          {pay.paidAt !== null && (
            <>
              <dt>{t("admin.payments.paidAt")}</dt>
              <dd data-field="pay-paid-at">{formatDateTime(pay.paidAt, p.timeZone)}</dd>
            </>
          )}
          {pay.transactionId && (
            <>
              <dt>{t("admin.payments.transaction")}</dt>
              <dd data-field="pay-transaction">
                <code>{pay.transactionId}</code>
              </dd>
            </>
          )}
          {pay.refundNo && (
            <>
              <dt>{t("admin.payments.refundNo")}</dt>
              <dd data-field="pay-refund">
                <code>{pay.refundNo}</code> {refundStatusText(pay.refundStatus)}
              </dd>
            </>
          )}
        </dl>
      )}
      {pay && p.canRefund && refundable(pay.state) && (
        <PostForm csrf={p.csrf} method="post" action={`/admin/payments/${encodeURIComponent(pay.orderId)}/refund`}>
          <button class="btn btn--secondary" type="submit" data-refund={pay.orderId}>
            {t("admin.payments.refund")}
          </button>
        </PostForm>
      )}
    </section>
  );
}
