// WeChat: share cards, WeChat login (网页授权) and its failures.
export const wechatMessages = {
  "wechat.share.homeDesc": "{mall}：积分兑好礼，签到赚积分",
  "wechat.share.itemDesc": "{price} 兑换 · {mall}",
  "wechat.login.button": "微信登录",
  "wechat.login.hint": "在微信中打开时，可用微信身份直接登录。",
} as const;
