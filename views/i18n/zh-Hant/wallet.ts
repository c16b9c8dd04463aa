import type { Catalogue } from "../types";
import type { walletMessages as zh } from "../zh-CN/wallet";

// The member's wallet: earning, spending, expiry and their refusals.
export const walletMessages = {
  "wallet.capExceeded": "超出今日積分上限（每日 {cap}），今天還可獲得 {left} 積分",
  "wallet.capReached": "今日積分已達上限（每日 {cap}），今天還可獲得 0 積分，明天再來吧",
  "wallet.alreadyCheckedIn": "今天（{date}）已簽到：連續第 {streak} 天，獲得 {points} 積分；明天可得 {tomorrow} 積分",
  "wallet.reason.checkin": "簽到第 {streak} 天",
  "wallet.reason.signupBonus": "新會員獎勵",
  "wallet.reason.expired": "積分過期",
  "wallet.pointsMustBePositive": "積分須為正整數",
  "wallet.insufficient": "積分不足：目前 {balance}，需扣 {points}",
  /** The same, after the error table's 積分不足 (the Merchant API's error message). */
  "wallet.insufficient.short": "目前 {balance}，需扣 {points}",
  "wallet.pointsOrAmount": "points 與 amountFen 須且只能給一個",
  "wallet.unknownSource": "未知的積分來源：{source}",
  "wallet.amountMustBePositive": "金額（分）須為正整數",
  "wallet.amountTooSmall": "金額換算後不足 1 積分",
  "wallet.tooLarge": "積分數額過大",
  "wallet.refMissing": "缺少冪等鍵 ref",
  "wallet.refReserved": "ref「{ref}」為系統保留，請換一個",
  "wallet.refUsed": "ref「{ref}」已用於另一操作（{op}）",
  "wallet.earnNotFound": "找不到 ref 為「{ref}」的積分獲得紀錄",
  "wallet.reason.spend": "兌換「{item}」",
  "wallet.reason.refund": "訂單 {order} 取消，積分退回",
  "wallet.spendAborted": "這次兌換已超時作廢（{key}），積分未扣除",
  "wallet.spendRefused": "這次兌換已因積分不足被拒絕（{key}）",
  "wallet.spendNotFound": "找不到兌換編號為「{key}」的積分扣除紀錄",
  "wallet.earnTooLarge": "單次最多獲得 {max} 積分，本次 {points} 積分",
  "wallet.earnLimitReached": "每位會員每天最多獲得 {max} 積分，今天還可獲得 {left} 積分",
  "wallet.adjustPoints": "調整積分須為非零整數",
} satisfies Catalogue<typeof zh>;
