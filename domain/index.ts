// The domain's concepts as plain data, one definition each (docs/architecture.md §1): imported by the Worker,
// the views and the database schema alike, importing nothing of theirs.
export type { DeliveryAddress, SavedAddress } from "./address";
export { LEDGER_KINDS, type LedgerKind } from "./ledger";
export { ITEM_TYPES, type ItemType, isItemType, MAX_SHARDS } from "./item";
export {
  PAYMENT_STATES,
  type PaymentSettingsView,
  type PaymentState,
  type PaymentSummary,
  needsAttention,
} from "./payment";
export { ORDER_STATUSES, type Order, type OrderSnapshot, type OrderStatus, type OrderSummary } from "./order";
export { MESSAGE_KINDS, type MessageKind, isMessageKind } from "./message";
