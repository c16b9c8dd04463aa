import type { Catalogue } from "../types";
import type { shopMessages as zh } from "../zh-CN/shop";

// The shopper's catalogue: home, categories, search, the item page, flash sales.
export const shopMessages = {
  "home.catalogHeading": "積分好禮",

  "flash.label": "限時搶購",
  "flash.startsIn": "距開始",
  "flash.endsIn": "距結束",
  "flash.started": "已開始",
  "flash.ended": "已結束",
  "flash.cta.upcoming": "即將開搶",
  "flash.cta.live": "立即搶兌",
  "flash.cta.ended": "檢視詳情",

  "catalog.all": "全部",
  "catalog.tabs": "商品分類",
  "catalog.emptyTitle": "這個分類暫時沒有商品",
  "catalog.emptyHint": "好禮正在上架，先去看看別的吧",
  "catalog.emptyAction": "檢視全部商品",

  "item.type.physical": "實物商品 · 免運費宅配到府",
  "item.type.coupon": "優惠券 · 兌換後立即發放券碼",
  "item.type.virtual": "服務 · 兌換後由門市安排",
  "item.limit": "每人限兌 {limit} 件",
  "item.noLimit": "不限兌換次數",
  "item.tiersOnly": "僅限 {tiers} 會員兌換",
  "item.description": "商品詳情",
  "item.category": "分類：{name}",
  "search.label": "搜尋商品",
  "search.placeholder": "搜尋商品名稱",
  "search.submit": "搜尋",
  "search.clear": "清除搜尋",
  "search.title": "搜尋「{q}」",
  "search.emptyTitle": "沒有找到「{q}」相關的商品",
  "search.emptyHint": "換個關鍵詞試試，或者看看全部商品",
  "catalog.more": "載入更多",
  "catalog.badCategory": "分類參數格式不對",
  "catalog.unknownCategory": "沒有「{category}」這個分類",
  "catalog.badPage": "頁碼格式不對",
  "search.tooLong": "搜尋詞最多 {max} 個字",
  "catalog.prev": "上一頁",
  "catalog.pageEmpty": "沒有更多商品了",

  "flash.pageTitle": "限時搶購",
  "flash.viewAll": "全部搶購",
  "flash.emptyTitle": "暫時沒有搶購活動",
  "flash.emptyHint": "搶購開始前會出現在這裡，記得常來看看",
  "flash.stockLeft": "剩餘 {stock} 件",
  "flash.soldOut": "已搶光",
  "flash.limit": "每人限兌 {limit} 件",
} satisfies Catalogue<typeof zh>;
