import type { Catalogue } from "../types";
import type { wechatMessages as zh } from "../zh-CN/wechat";

// WeChat: share cards, WeChat login (网页授权) and its failures.
export const wechatMessages = {
  "wechat.share.homeDesc": "{mall}: redeem points for rewards, check in to earn more",
  "wechat.share.itemDesc": "Redeem for {price} · {mall}",
  "wechat.login.button": "Log in with WeChat",
  "wechat.login.hint": "When opened in WeChat, you can log in with your WeChat account.",
} satisfies Catalogue<typeof zh>;
