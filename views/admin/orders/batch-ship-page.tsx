import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import { Field } from "../field";
import type { AdminMeView } from "../types";
import { adminOrderHref } from "./filter-query";
import { PostForm } from "../../components/post-form";

export type BatchOutcome = "shipped" | "unchanged" | "not_found" | "not_shippable" | "invalid";

export type BatchRowResult = {
  line: number;
  orderId: string;
  carrier: string;
  trackingNo: string;
  outcome: BatchOutcome;
  message: string;
};

export type AdminBatchShipPageProps = {
  brandColor: string;
  me: AdminMeView;
  maxRows: number;
  /** the pasted text, kept after a refusal */
  text?: string;
  /** why the whole upload was refused (422): no file/text, too many rows */
  error?: string;
  /** the per-row outcome of the last upload */
  results?: BatchRowResult[];
};

const OK: Record<BatchOutcome, boolean> = {
  shipped: true,
  unchanged: true,
  not_found: false,
  not_shippable: false,
  invalid: false,
};

function Summary({ results }: { results: BatchRowResult[] }) {
  const count = (o: BatchOutcome) => results.filter((r) => r.outcome === o).length;
  const failed = results.filter((r) => !OK[r.outcome]).length;
  return (
    <p class={failed ? "alert" : "toast"} role="status" data-batch-summary>
      {t("admin.orders.batch.summary", {
        total: results.length,
        shipped: count("shipped"),
        unchanged: count("unchanged"),
        failed,
      })}
    </p>
  );
}

/** 批量发货: upload or paste `orderId,carrier,trackingNo` rows; each row is shipped on its own and reported. */
export function AdminBatchShipPage({ brandColor, me, maxRows, text, error, results }: AdminBatchShipPageProps) {
  return (
    <AdminLayout title={t("admin.orders.batch.title")} brandColor={brandColor} me={me} current="orders">
      <p>
        <a href="/admin/orders">{t("admin.orders.back")}</a>
      </p>
      <h1 class="page-title">{t("admin.orders.batch.title")}</h1>
      {error && (
        <div class="alert" role="alert" data-error-code="VALIDATION_FAILED">
          <p>{error}</p>
        </div>
      )}
      {results && (
        <section class="panel" aria-label={t("admin.orders.batch.results")}>
          <h2 class="panel__title">{t("admin.orders.batch.results")}</h2>
          <Summary results={results} />
          <div class="abatch__scroll">
            <table class="abatch" id="batch-results">
              <thead>
                <tr>
                  <th scope="col">{t("admin.orders.batch.line")}</th>
                  <th scope="col">{t("admin.orders.batch.orderId")}</th>
                  <th scope="col">{t("admin.orders.batch.tracking")}</th>
                  <th scope="col">{t("admin.orders.batch.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr
                    key={r.line}
                    data-line={r.line}
                    data-outcome={r.outcome}
                    class={OK[r.outcome] ? "abatch__ok" : "abatch__bad"}
                  >
                    <td>{r.line}</td>
                    <td>
                      {r.outcome === "not_found" || r.outcome === "invalid" || !r.orderId ? (
                        r.orderId
                      ) : (
                        <a href={adminOrderHref(r.orderId)}>{r.orderId}</a>
                      )}
                    </td>
                    <td>{[r.carrier, r.trackingNo].filter(Boolean).join(" ")}</td>
                    <td>
                      <strong>{t(`admin.orders.batch.outcome.${r.outcome}`)}</strong>
                      {r.message && <span class="abatch__msg">{r.message}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <PostForm
        csrf={me.csrf}
        class="panel fields"
        method="post"
        action="/admin/orders/batch-ship"
        enctype="multipart/form-data"
      >
        <p class="hint">{t("admin.orders.batch.hint", { max: maxRows })}</p>
        <Field id="batch-file" label={t("admin.orders.batch.file")}>
          <input class="field__input" id="batch-file" name="file" type="file" accept=".csv,text/csv,text/plain" />
        </Field>
        <Field id="batch-text" label={t("admin.orders.batch.text")}>
          <textarea
            class="field__input abatch__text"
            id="batch-text"
            name="csv"
            rows={6}
            placeholder="orderId,carrier,trackingNo"
          >
            {text ?? ""}
          </textarea>
        </Field>
        <button class="btn btn--block" type="submit">
          {t("admin.orders.batch.submit")}
        </button>
      </PostForm>
    </AdminLayout>
  );
}
