// Shared by every page: titles, the layout, prices, the text rule's messages, the not-found page.
export const commonMessages = {
  "page.title": "{title} - {mall}",

  "layout.home": "{mall}首页",
  "layout.footer": "{mall} · 积分兑换说明以门店公告为准",

  "price.points": "{points} 积分",
  "price.pointsCash": "{points} 积分 + {cash}",
  "price.yuan": "¥{yuan}",
  "price.originalLabel": "原价",

  "common.backHome": "返回首页",
  /** Joins a list parameter of an object's answer (tier names…). */
  "common.listSeparator": "、",

  "text.notText": "须为文字",
  "text.required": "不能为空",
  "text.tooShort": "至少 {min} 个字符",
  "text.tooLong": "最长 {max} 个字符",
  "text.invalidCharacters": "不能包含控制字符、方向控制符或无效的字符",

  "notFound.page.title": "页面不存在",
  "notFound.page.message": "您访问的页面不存在或已被移除，请检查链接是否正确。",
  "notFound.item.title": "商品不存在",
  "notFound.item.message": "该商品可能已下架或链接有误，去看看其他好礼吧。",
} as const;
