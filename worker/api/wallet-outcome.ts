// A wallet answer as the API needs it: the success, or the failure's code thrown as an AppError (the
// error table gives its status: DAILY_CAP_REACHED 409, INVALID_AMOUNT 422, REF_CONFLICT 409, …) with the
// refusal's detail rendered from the catalogue (worker/object-text.ts).
import type { MessageKey } from "../../views/i18n";
import { AppError } from "../errors";
import { objectText } from "../object-text";
import type { WalletDetail, WalletFailure } from "../wallet/types";

/** The error table's text goes in front of the detail; a detail whose full text begins with it has a short
 *  form without it. */
const SHORT: Partial<Record<WalletDetail, MessageKey>> = { "wallet.insufficient": "wallet.insufficient.short" };

export function walletOk<T extends { ok: true }>(result: T | WalletFailure): T {
  if (result.ok) return result;
  throw new AppError(result.code, objectText(SHORT[result.detail] ?? result.detail, result.params) || undefined);
}
