// 支付 /admin/payments: the WeChat Pay merchant settings (secrets only say whether they are set, never what
// they are), the notify URL to enter in the merchant platform, the payments with their state (退款 for a paid
// or flagged one), and the reconciliation CSV of one day's differences against the provider's bill.
import { formatDateTime, formatYuan } from "../../format";
import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { AdminMeView } from "../types";
import { PostForm } from "../../components/post-form";
import type { PaymentSettingsView, PaymentSummary } from "../../../domain";
import { PaymentAttentionNotice, refundStatusText } from "./payment-attention";
import { refundable } from "./payment-panel";

export type AdminPaymentRow = PaymentSummary;

export type AdminPaymentsPageProps = {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  settings: PaymentSettingsView;
  notifyUrl: string;
  payments: AdminPaymentRow[];
  /** payments the owner must act on (flagged, refund abnormal/closed), whatever their age */
  attention: PaymentSummary[];
  today: string;
  notice?: { ok: boolean; text: string };
  errors?: Record<string, string>;
};

export function AdminPaymentsPage(p: AdminPaymentsPageProps) {
  const s = p.settings;
  const e = p.errors ?? {};
  const secret = (set: boolean) => (set ? t("admin.payments.secretSet") : t("admin.payments.secretUnset"));
  return (
    <AdminLayout title={t("admin.payments.title")} brandColor={p.brandColor} me={p.me} current="payments">
      <h1 class="page-title">{t("admin.payments.title")}</h1>
      {p.notice && (
        <div class={p.notice.ok ? "alert alert--info" : "alert"} role="status">
          <p>{p.notice.text}</p>
        </div>
      )}
      <PaymentAttentionNotice payments={p.attention} />
      <PostForm csrf={p.me.csrf} class="panel" method="post" action="/admin/payments/settings" data-payment-settings>
        <h2>{t("admin.payments.settings")}</h2>
        <label class="check">
          <input type="checkbox" name="enabled" value="1" checked={s.enabled} /> {t("admin.payments.enabled")}
        </label>
        <Field id="pay-mchid" name="mchid" label={t("admin.payments.mchid")} error={e.mchid}>
          <input id="pay-mchid" name="mchid" value={s.mchid} inputMode="numeric" />
        </Field>
        <Field id="pay-appid" name="appid" label={t("admin.payments.appid")} error={e.appid}>
          <input id="pay-appid" name="appid" value={s.appid} />
        </Field>
        <Field id="pay-serial" name="merchantSerialNo" label={t("admin.payments.serial")} error={e.merchantSerialNo}>
          <input id="pay-serial" name="merchantSerialNo" value={s.merchantSerialNo} />
        </Field>
        <Field
          id="pay-v3key"
          name="apiV3Key"
          label={t("admin.payments.apiV3Key")}
          hint={secret(s.apiV3KeySet)}
          error={e.apiV3Key}
        >
          <input
            id="pay-v3key"
            name="apiV3Key"
            type="password"
            autocomplete="off"
            value=""
            data-secret-set={s.apiV3KeySet}
          />
        </Field>
        <Field
          id="pay-privkey"
          name="privateKey"
          label={t("admin.payments.privateKey")}
          hint={secret(s.privateKeySet)}
          error={e.privateKey}
        >
          <textarea id="pay-privkey" name="privateKey" rows={3} autocomplete="off" data-secret-set={s.privateKeySet} />
        </Field>
        <Field
          id="pay-pserial"
          name="platformSerialNo"
          label={t("admin.payments.platformSerial")}
          error={e.platformSerialNo}
        >
          <input id="pay-pserial" name="platformSerialNo" value={s.platformSerialNo} />
        </Field>
        <Field
          id="pay-pkey"
          name="platformPublicKey"
          label={t("admin.payments.platformKey")}
          error={e.platformPublicKey}
        >
          <textarea id="pay-pkey" name="platformPublicKey" rows={3}>
            {s.platformPublicKey}
          </textarea>
        </Field>
        <Field
          id="pay-window"
          name="payWindowMinutes"
          label={t("admin.payments.payWindow")}
          hint={t("admin.payments.payWindowHint")}
          error={e.payWindowMinutes}
        >
          <input
            id="pay-window"
            name="payWindowMinutes"
            type="number"
            inputMode="numeric"
            min={5}
            max={1440}
            value={String(s.payWindowMinutes)}
          />
        </Field>
        <p>
          {t("admin.payments.notifyUrl")}: <code data-notify-url>{p.notifyUrl}</code>
        </p>
        <button class="btn" type="submit">
          {t("admin.payments.save")}
        </button>
      </PostForm>

      <form class="panel" method="get" action="/admin/payments/reconcile.csv">
        <h2>{t("admin.payments.reconcile")}</h2>
        <Field id="rec-date" label={t("admin.payments.reconcileDate")}>
          <input id="rec-date" name="date" type="date" value={p.today} />
        </Field>
        <button class="btn" type="submit">
          {t("admin.payments.reconcileCsv")}
        </button>
      </form>

      <section class="panel" aria-label={t("admin.payments.list")}>
        <h2>{t("admin.payments.list")}</h2>
        {p.payments.length === 0 ? (
          <p class="muted">{t("admin.payments.empty")}</p>
        ) : (
          <table class="table" data-payments>
            <thead>
              <tr>
                <th>{t("admin.payments.order")}</th>
                <th>{t("admin.payments.amount")}</th>
                <th>{t("admin.payments.state")}</th>
                <th>{t("admin.payments.transaction")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {p.payments.map((r) => (
                <tr data-payment={r.orderId} data-payment-state={r.state}>
                  <td>
                    <a class="link" href={`/admin/orders/${encodeURIComponent(r.orderId)}`}>
                      {r.orderId}
                    </a>
                    <br />
                    <span class="muted">{formatDateTime(r.createdAt, p.timeZone)}</span>
                  </td>
                  <td>
                    {formatYuan(r.amountFen)}
                    {r.reportedFen !== null && r.reportedFen !== r.amountFen && (
                      <span class="alert__detail"> ({formatYuan(r.reportedFen)})</span>
                    )}
                  </td>
                  <td>
                    {t(`payments.state.${r.state}`)}
                    {r.flag && <span class="muted"> {r.flag}</span>}
                    {r.refundStatus && r.refundStatus !== "succeeded" && (
                      <span class="muted" data-refund-status={r.refundStatus}>
                        {" "}
                        {t("admin.payments.refundNo")} {refundStatusText(r.refundStatus)}
                      </span>
                    )}
                  </td>
                  <td>
                    <code>{r.transactionId ?? ""}</code>
                    {r.refundNo && (
                      <>
                        <br />
                        <code>{r.refundNo}</code>
                      </>
                    )}
                  </td>
                  <td>
                    {refundable(r.state) && (
                      <PostForm
                        csrf={p.me.csrf}
                        method="post"
                        action={`/admin/payments/${encodeURIComponent(r.orderId)}/refund`}
                      >
                        <button class="btn btn--secondary" type="submit" data-refund={r.orderId}>
                          {t("admin.payments.refund")}
                        </button>
                      </PostForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminLayout>
  );
}
