// What several of the console's order views share (a view's own props are beside it): plain data, no env/db.
import type { ItemType, OrderStatus } from "../../../domain";

/** The list's filters as the form holds them (strings as typed; empty = no filter). */
export type AdminOrderFilter = { status: string; itemId: string; uid: string; from: string; to: string };

export type AdminOrderRowView = {
  id: string;
  uid: string;
  /** the member's nickname, when known */
  nickname: string | null;
  itemId: number;
  itemName: string;
  itemType: ItemType;
  qty: number;
  points: number;
  cashFen: number;
  status: OrderStatus;
  createdAt: number;
};
