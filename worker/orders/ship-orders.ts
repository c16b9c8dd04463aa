// Shipping many physical orders at once (the console's batch from a CSV) in a constant number of Turso
// requests whatever their count: one read of the named orders, then ONE write batch holding, per order to
// ship, shipOrder's own conditional update (so a concurrent ship or cancel still wins or loses cleanly) and
// the caller's statements for it (its audit row, guarded to insert only if that update shipped the order),
// with the orders read back at its end. Each shipment is answered as shipOrder would answer it, in order: a
// later shipment of the same order is judged against the order as the earlier one left it.
import { inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import { forgetAllOrders } from "./orders-page-memo";
import type { NotShippable, OrderNotFound } from "./refusals";
import { notFound, shippable, shipRefusal, shipUpdate, type ShipState } from "./ship-order";

export type Shipment = { orderId: string; carrier: string; trackingNo: string };

export type ShipOrdersInput = {
  shipments: Shipment[];
  now: number;
  /** Statements for the write batch after a shipment's update (e.g. an audit row that only inserts when that
   *  update shipped the order). */
  alongside?: (s: Shipment) => BatchItem<"sqlite">[];
};

/** shipped: this call shipped the order (ok without it: it was already shipped with this tracking number). */
export type ShipOrdersOutcome = { ok: true; shipped: boolean } | OrderNotFound | NotShippable;

const stateOf = (db: Db, ids: string[]) =>
  db
    .select({
      id: orders.id,
      status: orders.status,
      itemType: orders.itemType,
      carrier: orders.carrier,
      trackingNo: orders.trackingNo,
    })
    .from(orders)
    .where(inArray(orders.id, ids));

const byId = (rows: (ShipState & { id: string })[]) => new Map<string, ShipState>(rows.map((r) => [r.id, r]));

export async function shipOrders(db: Db, input: ShipOrdersInput): Promise<ShipOrdersOutcome[]> {
  const { shipments, now, alongside = () => [] } = input;
  const ids = [...new Set(shipments.map((s) => s.orderId))];
  if (ids.length === 0) return [];
  const before = byId(await stateOf(db, ids));

  // The first shipment of each order that is placed and physical ships it.
  const shipper = new Map<string, number>();
  shipments.forEach((s, i) => {
    const o = before.get(s.orderId);
    if (o && shippable(o) && !shipper.has(s.orderId)) shipper.set(s.orderId, i);
  });

  const won = new Set<string>();
  let after = new Map<string, ShipState>();
  if (shipper.size > 0) {
    const writes: BatchItem<"sqlite">[] = [];
    const updateAt: [string, number][] = [];
    for (const i of shipper.values()) {
      const s = shipments[i]!;
      updateAt.push([s.orderId, writes.length]);
      writes.push(shipUpdate(db, { ...s, now }), ...alongside(s));
    }
    const readBack = stateOf(db, [...shipper.keys()]);
    const results: unknown[] = await db.batch([writes[0]!, ...writes.slice(1), readBack]);
    forgetAllOrders(); // many members' orders (the batch names orders, not members)
    for (const [id, at] of updateAt) if ((results[at] as { id: string }[]).length > 0) won.add(id);
    after = byId(results.at(-1) as Awaited<typeof readBack>);
  }

  const state = new Map(before);
  return shipments.map((s, i): ShipOrdersOutcome => {
    if (shipper.get(s.orderId) === i) {
      // The order as the write batch left it: shipped by it, or as whoever won a race for it left it.
      const o = after.get(s.orderId);
      if (o) state.set(s.orderId, o);
      else state.delete(s.orderId);
      if (won.has(s.orderId)) return { ok: true, shipped: true };
    }
    const o = state.get(s.orderId);
    if (!o) return notFound(s.orderId);
    return shipRefusal(o, s.carrier, s.trackingNo) ?? { ok: true, shipped: false };
  });
}
