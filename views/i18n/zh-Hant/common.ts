import type { Catalogue } from "../types";
import type { commonMessages as zh } from "../zh-CN/common";

// Shared by every page: titles, the layout, prices, the text rule's messages, the not-found page.
export const commonMessages = {
  "page.title": "{title} - {mall}",

  "layout.home": "{mall}首頁",
  "layout.footer": "{mall} · 積分兌換說明以門市公告為準",

  "price.points": "{points} 積分",
  "price.pointsCash": "{points} 積分 + {cash}",
  "price.yuan": "¥{yuan}",
  "price.originalLabel": "原價",

  "common.backHome": "返回首頁",
  /** Joins a list parameter of an object's answer (tier names…). */
  "common.listSeparator": "、",

  "text.notText": "須為文字",
  "text.required": "不能為空",
  "text.tooShort": "至少 {min} 個字元",
  "text.tooLong": "最長 {max} 個字元",
  "text.invalidCharacters": "不能包含控制字元、方向控制符或無效的字元",

  "notFound.page.title": "頁面不存在",
  "notFound.page.message": "您存取的頁面不存在或已被移除，請檢查連結是否正確。",
  "notFound.item.title": "商品不存在",
  "notFound.item.message": "該商品可能已下架或連結有誤，去看看其他好禮吧。",
} satisfies Catalogue<typeof zh>;
