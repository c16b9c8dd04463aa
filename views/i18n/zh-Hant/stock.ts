import type { Catalogue } from "../types";
import type { stockMessages as zh } from "../zh-CN/stock";

// Stock as shoppers see it.
export const stockMessages = {
  "stock.inStock": "庫存 {stock}",
  "stock.low": "僅剩 {stock} 件",
  "stock.soldOut": "已兌完",

  "stock.msg.soldOut": "商品已兌完（剩餘 {available} 件，需要 {qty} 件）",
  "stock.msg.limit": "每人限兌 {limit} 件，你已兌換或佔用 {count} 件",
  "stock.msg.offShelf": "商品已下架",
  "stock.msg.notStarted": "兌換尚未開始",
  "stock.msg.ended": "兌換已結束",
  "stock.msg.tier": "該商品僅限 {tiers} 會員兌換",
  "stock.msg.badQty": "數量須為正整數",
  "stock.msg.holdNotFound": "找不到這次兌換的庫存佔用（{key}）",
  "stock.msg.holdExpired": "這次兌換的庫存佔用已釋放（{key}）",
  "stock.msg.keyReused": "這個兌換編號已用於另一位會員或另一數量",
  "stock.msg.belowZero": "庫存不能少於 0（目前可用 {available}，調整 {delta}）",
} satisfies Catalogue<typeof zh>;
