import type { Catalogue } from "../types";
import type { stockMessages as zh } from "../zh-CN/stock";

// Stock as shoppers see it.
export const stockMessages = {
  "stock.inStock": "{stock} in stock",
  "stock.low": "Only {stock} left",
  "stock.soldOut": "Sold out",

  "stock.msg.soldOut": "Sold out ({available} left, {qty} needed)",
  "stock.msg.limit": "Limit {limit} per member; you have already redeemed or reserved {count}",
  "stock.msg.offShelf": "This item is no longer available",
  "stock.msg.notStarted": "Redemption hasn't started yet",
  "stock.msg.ended": "Redemption has ended",
  "stock.msg.tier": "Only {tiers} members can redeem this item",
  "stock.msg.badQty": "The quantity must be a positive whole number",
  "stock.msg.holdNotFound": "The stock reserved for this redemption could not be found ({key})",
  "stock.msg.holdExpired": "The stock reserved for this redemption has been released ({key})",
  "stock.msg.keyReused": "This redemption number is already used for another member or another quantity",
  "stock.msg.belowZero": "Stock cannot go below 0 ({available} available, change {delta})",
} satisfies Catalogue<typeof zh>;
