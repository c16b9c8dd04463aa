import { t } from "../../i18n";
import { Field, invalid } from "../field";
import { PostForm } from "../../components/post-form";

export type StockPanelView = {
  available: number;
  held: number;
  sold: number;
  codesLeft: number;
  /** fresh idempotency ref for the next adjustment form */
  adjustRef: string;
};

export type CodesResultView = { added: number; duplicates: number; rejected: number };

export type StockPanelProps = { itemId: number; csrf: string; stock: StockPanelView; error?: string };

/** Live stock from the item's stock object, and an adjustment (+/−) with a reason. */
export function StockPanel({ itemId, csrf, stock, error }: StockPanelProps) {
  return (
    <section class="panel" id="stock" aria-labelledby="stock-title">
      <h2 class="panel__title" id="stock-title">
        {t("admin.items.stock.title")}
      </h2>
      <p data-live-stock={stock.available}>
        {t("admin.items.stock.live", { available: stock.available, held: stock.held, sold: stock.sold })}
      </p>
      <PostForm csrf={csrf} class="fields" method="post" action={`/admin/items/${itemId}/stock`}>
        <input type="hidden" name="ref" value={stock.adjustRef} />
        <Field id="stock-delta" name="delta" label={t("admin.items.stock.delta")} error={error}>
          <input
            class="field__input"
            id="stock-delta"
            name="delta"
            inputMode="numeric"
            required
            placeholder="+10 / -3"
            {...invalid("stock-delta", error)}
          />
        </Field>
        <Field id="stock-reason" label={t("admin.items.stock.reason")}>
          <input class="field__input" id="stock-reason" name="reason" maxLength={200} required />
        </Field>
        <button class="btn btn--sm" type="submit">
          {t("admin.items.stock.submit")}
        </button>
      </PostForm>
    </section>
  );
}

export type CodesPanelProps = {
  itemId: number;
  csrf: string;
  codesLeft: number;
  result?: CodesResultView;
  error?: string;
};

/** Coupon items: import codes, pasted one per line or as a CSV file (first column). */
export function CodesPanel({ itemId, csrf, codesLeft, result, error }: CodesPanelProps) {
  return (
    <section class="panel" id="codes" aria-labelledby="codes-title">
      <h2 class="panel__title" id="codes-title">
        {t("admin.items.codes.title")}
      </h2>
      <p data-codes-left={codesLeft}>{t("admin.items.codes.left", { count: codesLeft })}</p>
      <p class="muted">{t("admin.items.codes.hint")}</p>
      {result && (
        <p
          class="alert alert--info"
          role="status"
          data-codes-result={`${result.added}/${result.duplicates}/${result.rejected}`}
        >
          {t("admin.items.codes.result", {
            added: result.added,
            duplicates: result.duplicates,
            rejected: result.rejected,
          })}
        </p>
      )}
      <PostForm
        csrf={csrf}
        class="fields"
        method="post"
        action={`/admin/items/${itemId}/codes`}
        enctype="multipart/form-data"
      >
        <Field id="codes-text" name="codes" label={t("admin.items.codes.paste")} error={error}>
          <textarea
            class="field__input aitem__textarea"
            id="codes-text"
            name="codes"
            rows={5}
            {...invalid("codes-text", error)}
          ></textarea>
        </Field>
        <Field id="codes-file" label={t("admin.items.codes.file")}>
          <input id="codes-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" />
        </Field>
        <button class="btn btn--sm" type="submit">
          {t("admin.items.codes.submit")}
        </button>
      </PostForm>
    </section>
  );
}
