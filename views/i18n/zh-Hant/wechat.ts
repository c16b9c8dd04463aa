import type { Catalogue } from "../types";
import type { wechatMessages as zh } from "../zh-CN/wechat";

// WeChat: share cards, WeChat login (網頁授權) and its failures.
export const wechatMessages = {
  "wechat.share.homeDesc": "{mall}：積分兌好禮，簽到賺積分",
  "wechat.share.itemDesc": "{price} 兌換 · {mall}",
  "wechat.login.button": "微信登入",
  "wechat.login.hint": "在微信中開啟時，可用微信身份直接登入。",
} satisfies Catalogue<typeof zh>;
