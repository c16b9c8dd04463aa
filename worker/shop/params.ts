// Path parameters shared by the shopper routes. A malformed id is simply not found.
import { AppError } from "../errors";

/** /items/{id}: a positive integer, else 404 (the item-not-found page). */
export function itemIdOf(raw: string | undefined): number {
  if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw)) throw new AppError("ITEM_NOT_FOUND");
  return Number(raw);
}

/** /me/addresses/{id}: a positive integer, else 404. */
export function addressIdOf(raw: string | undefined): number {
  if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw)) throw new AppError("NOT_FOUND");
  return Number(raw);
}

/** /me/orders/{id}: the order number as the redemption made it, else 404. */
export function orderIdOf(raw: string | undefined): string {
  if (!raw || !/^[A-Za-z0-9_-]{1,64}$/.test(raw)) throw new AppError("NOT_FOUND");
  return raw;
}
