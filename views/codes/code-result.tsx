import { t } from "../i18n";

export type CodeResultView =
  | { ok: true; points: number; batchName: string; balance: number }
  | { ok: false; message: string };

/** What a redeem-code attempt did: in #code-result (htmx) and on the page (without JS). */
export function CodeResult({ result }: { result: CodeResultView | null }) {
  if (!result) return null;
  if (!result.ok)
    return (
      <div class="alert" role="alert" data-code-result="refused">
        <p>{result.message}</p>
      </div>
    );
  return (
    <div class="toast" role="status" data-code-result="ok">
      <p class="toast__title">{t("codes.gained", { points: result.points })}</p>
      <p class="toast__text">{t("codes.gainedFrom", { name: result.batchName, balance: result.balance })}</p>
    </div>
  );
}
