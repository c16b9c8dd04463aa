// 消息中心: the kinds of message a member gets, one per kind of fact (worker/messages). Each kind's text is in
// the catalogue (messages.kind.<kind>.title / .body); the console maps a kind to a WeChat template id.
export const MESSAGE_KINDS = [
  "points_expiring",
  "order_shipped",
  "coupon_issued",
  "lottery_prize",
  "group_result",
  "task_reward",
] as const;

export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const isMessageKind = (s: string): s is MessageKind => (MESSAGE_KINDS as readonly string[]).includes(s);
