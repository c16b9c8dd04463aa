// Order queries and fulfilment (Turso is the system of record of orders' fulfilment; docs/architecture.md §2).
export { getOrder } from "./get-order";
export { BadCursorError, listOrders, type ListOrdersQuery, type OrderPage } from "./list-orders";
export { shipOrder, type ShipOrderInput, type ShipOrderResult } from "./ship-order";
export { finishable, finishOrder, receivable, type FinishOrderInput, type FinishOrderResult } from "./finish-order";
export { shipOrders, type Shipment, type ShipOrdersInput, type ShipOrdersOutcome } from "./ship-orders";
export type { NotCancellable, NotFinishable, NotShippable, OrderNotFound, OrderRefusal } from "./refusals";
