// Stock as shoppers see it.
export const stockMessages = {
  "stock.inStock": "库存 {stock}",
  "stock.low": "仅剩 {stock} 件",
  "stock.soldOut": "已兑完",

  "stock.msg.soldOut": "商品已兑完（剩余 {available} 件，需要 {qty} 件）",
  "stock.msg.limit": "每人限兑 {limit} 件，你已兑换或占用 {count} 件",
  "stock.msg.offShelf": "商品已下架",
  "stock.msg.notStarted": "兑换尚未开始",
  "stock.msg.ended": "兑换已结束",
  "stock.msg.tier": "该商品仅限 {tiers} 会员兑换",
  "stock.msg.badQty": "数量须为正整数",
  "stock.msg.holdNotFound": "找不到这次兑换的库存占用（{key}）",
  "stock.msg.holdExpired": "这次兑换的库存占用已释放（{key}）",
  "stock.msg.keyReused": "这个兑换编号已用于另一位会员或另一数量",
  "stock.msg.belowZero": "库存不能少于 0（当前可用 {available}，调整 {delta}）",
} as const;
