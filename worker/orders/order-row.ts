// The orders table as the order queries read it: whole rows (an order carries its item's name and type as
// ordered), mapped to the OrderView contract by the redemption flow's own mapping.
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import { orderViewOf } from "../redeem/order-row";

export function orderSelect(db: Db, where: SQL | undefined) {
  return db.select().from(orders).where(where);
}

export const toOrderView = orderViewOf;
