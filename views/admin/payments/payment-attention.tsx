// The owner's notice of payments to act on (domain needsAttention: money taken for an order that will not be
// fulfilled, a refund the provider could not complete), on the dashboard and on 支付.
import type { PaymentSummary } from "../../../domain";
import { formatYuan } from "../../format";
import { t } from "../../i18n";

export function PaymentAttentionNotice({ payments }: { payments: PaymentSummary[] }) {
  if (payments.length === 0) return null;
  return (
    <div class="alert" role="alert" data-payment-attention={payments.length}>
      <p>
        <strong>{t("admin.payments.attention", { count: payments.length })}</strong>
      </p>
      <p class="alert__detail">{t("admin.payments.attentionHint")}</p>
      <ul>
        {payments.map((p) => (
          <li data-attention={p.orderId}>
            <a class="link" href={`/admin/orders/${encodeURIComponent(p.orderId)}`}>
              {p.orderId}
            </a>{" "}
            {formatYuan(p.reportedFen ?? p.amountFen)}{" "}
            {p.state === "flagged"
              ? t("admin.payments.attentionFlagged", { flag: p.flag ?? "" })
              : t("admin.payments.attentionRefund", { status: refundStatusText(p.refundStatus) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function refundStatusText(s: string | null): string {
  return s === "abnormal" || s === "closed" || s === "processing" || s === "succeeded"
    ? t(`admin.payments.refundStatus.${s}`)
    : "";
}
