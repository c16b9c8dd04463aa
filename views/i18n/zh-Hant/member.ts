import type { Catalogue } from "../types";
import type { memberMessages as zh } from "../zh-CN/member";

// The member's own pages: the member bar, check-in, login, points and the ledger, the "me" menu.
export const memberMessages = {
  "member.balance": "{balance} 積分",
  "member.balanceLabel": "我的積分",
  "member.checkin": "簽到",
  "member.checkedIn": "已簽到",
  "member.login": "登入",
  "member.guestHint": "登入後可簽到、兌換",
  "checkin.gained": "簽到成功 +{points} 積分",
  "checkin.streak": "已連續簽到 {days} 天，明天簽到可得 {points} 積分",
  "login.title": "如何登入",
  "login.text":
    "本商城通過商家公眾號選單或商家傳送的專屬連結自動登入，無需密碼。請在微信中開啟商家公眾號，點選選單「積分商城」進入。",
  "login.needed": "登入後才能簽到和兌換",
  "points.title": "我的積分",
  "points.balance": "可用積分",
  "points.tier": "{tier}會員 · 積分 ×{multiplier}",
  "points.nextTier": "近 12 個月已獲得 {earned} 積分，再獲得 {remaining} 積分升級為{tier}會員",
  "points.topTier": "近 12 個月已獲得 {earned} 積分，已是最高等級",
  "points.expiring": "即將過期",
  "points.expiringItem": "{points} 積分將於 {date} 到期",
  "points.noExpiring": "30 天內沒有積分過期",
  "points.calendar": "{month} 簽到",
  "points.calendarStreak": "已連續簽到 {days} 天",
  "points.ledger": "積分明細",
  "points.ledgerEmpty": "還沒有積分紀錄",
  "points.more": "載入更多",
  "points.expiresAt": "有效期至 {date}",
  "ledger.kind.earned": "獲得",
  "ledger.kind.spent": "兌換",
  "ledger.kind.refunded": "退回",
  "ledger.kind.expired": "過期",
  "ledger.kind.adjusted": "調整",

  "me.orders": "我的訂單",
  "me.addresses": "收件地址",
  "me.points": "我的積分",
  "me.logout": "登出",
  "me.nav": "我的",

  "member.blocked.checkin": "帳戶已凍結，本次簽到未獲得積分。如有疑問請聯絡門市",
  "member.blocked.notice": "您的帳戶已凍結：可以繼續瀏覽，但暫時不能獲得或兌換積分。如有疑問請聯絡門市。",
  "member.blocked.badge": "已凍結",
} satisfies Catalogue<typeof zh>;
