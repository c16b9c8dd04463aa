// A wallet answer as the API needs it: the success, or the failure's code thrown as an AppError (the
// error table gives its status: DAILY_CAP_REACHED 409, INVALID_AMOUNT 422, REF_CONFLICT 409, …).
import { t } from "../../views/i18n";
import { AppError, ERROR_CODES } from "../errors";
import type { WalletFailure } from "../wallet/types";

export function walletOk<T extends { ok: true }>(result: T | WalletFailure): T {
  if (result.ok) return result;
  // The wallet's message is already in the user's language and says what exactly was refused; the error
  // table's text goes in front of it, so a repeat of that text is dropped.
  const base = t(ERROR_CODES[result.code].message);
  const detail = result.message.startsWith(base)
    ? result.message.slice(base.length).replace(/^[\s:：，,]+/, "")
    : result.message;
  throw new AppError(result.code, detail || undefined);
}
