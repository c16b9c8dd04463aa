// One order by its number, with its item's name and type.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { orders } from "../../db/schema";
import type { Order } from "../../domain";
import { orderSelect, toOrderView } from "./order-row";

export async function getOrder(db: Db, id: string): Promise<Order | null> {
  const [row] = await orderSelect(db, eq(orders.id, id)).limit(1);
  return row ? toOrderView(row) : null;
}
