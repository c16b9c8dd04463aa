// Every catalogue key an object names (refusal details, ledger reasons) is in the catalogue: a key that is
// not fails the typecheck here. The objects cannot import views/i18n, so the check lives at the edge.
import type { MessageKey } from "../views/i18n";
import type { StockDetail } from "./stock/types";
import type { LedgerReasonKey, WalletDetail } from "./wallet/types";

type ObjectTextKey = WalletDetail | StockDetail | LedgerReasonKey;
export const everyObjectKeyInCatalogue: ObjectTextKey extends MessageKey ? true : never = true;
