// Group buys (拼团): the deal on the item page, the group page, my groups, the ledger's refund reason.
export const groupBuyMessages = {
  "groupBuy.ledger.refund": "拼团未成退还：{item}",
} as const;
