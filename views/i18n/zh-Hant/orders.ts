import type { Catalogue } from "../types";
import type { ordersMessages as zh } from "../zh-CN/orders";

// The shopper's orders: the list and one order.
export const ordersMessages = {
  "orders.title": "我的訂單",
  "orders.link": "訂單",
  "orders.empty": "還沒有訂單",
  "orders.emptyHint": "去商城看看，積分可以換好禮",
  "orders.browse": "去逛逛",
  "orders.more": "載入更多",
  "orders.status.awaiting_payment": "待付款",
  "orders.status.placed": "待出貨",
  "orders.status.placedDigital": "已下單",
  "orders.status.shipped": "已出貨",
  "orders.status.completed": "已完成",
  "orders.status.fulfilled": "已發放",
  "orders.status.cancelled": "已取消",
  "orders.no": "訂單號 {id}",
  "orders.qty": "× {qty}",
  "orders.createdAt": "下單時間",
  "orders.points": "消耗積分",
  "orders.item": "商品",
  "orders.status": "狀態",
  "orders.codes": "券碼",
  "orders.address": "收件地址",
  "orders.shipping": "物流",
  "orders.notShipped": "尚未出貨",
  "orders.carrier": "{carrier} {trackingNo}",
  "orders.cancel": "取消訂單",
  "orders.cancelHint": "取消後積分將全額退回",
  "orders.cancelled": "訂單已取消，{points} 積分已退回，目前餘額 {balance} 積分",
  "orders.notCancellable": "這個訂單已不能取消",
  "orders.back": "返回我的訂單",

  "orders.notFinishable": "訂單{status}，不能標記為完成",
  "orders.receive": "確認收貨",
  "orders.received": "已確認收貨，訂單完成",

  "orders.ship.notFound": "沒有訂單 {orderId}",
  "orders.ship.notPhysical": "只有實物商品的訂單需要出貨",
  "orders.ship.alreadyShipped": "訂單已出貨（{shipment}），物流單號不同",
  "orders.ship.notPlaced": "訂單{status}，只有待出貨的訂單可以出貨",
} satisfies Catalogue<typeof zh>;
