import type { Catalogue } from "../types";
import type { adminDashboardMessages as zh } from "../zh-CN/admin-dashboard";

// The console's dashboard.
export const adminDashboardMessages = {
  "admin.dashboard.title": "概覽",
  "admin.dashboard.period": "統計區間：{from} 至 {today}（商家時區 {timeZone}，按當地自然日）",
  "admin.dashboard.today": "今日",
  "admin.dashboard.last30": "近 30 天",
  "admin.dashboard.views": "瀏覽量",
  "admin.dashboard.visitors": "訪客數",
  "admin.dashboard.checkins": "簽到次數",
  "admin.dashboard.issued": "發放積分",
  "admin.dashboard.spent": "消耗積分",
  "admin.dashboard.expired": "過期積分",
  "admin.dashboard.orders": "兌換訂單",
  "admin.dashboard.pointsRedeemed": "兌換用積分",
  "admin.dashboard.rate": "積分核銷率",
  "admin.dashboard.rateNone": "—",
  "admin.dashboard.rateHelp":
    "積分核銷率 = 期間消耗積分 ÷ 期間發放積分。發放含獲得與正向調整；消耗為兌換扣減減去退回；瀏覽量只計顧客開啟的完整頁面，訪客按匿名訪客標識去重；訂單不含已取消的。",
  "admin.dashboard.liability.title": "未使用積分",
  "admin.dashboard.liability": "積分負債（全部會員餘額）",
  "admin.dashboard.expiring30": "30 天內到期",
  "admin.dashboard.expiring90": "90 天內到期",
  "admin.dashboard.top.title": "熱門兌換（近 30 天，按件數）",
  "admin.dashboard.top.empty": "近 30 天還沒有兌換",
  "admin.dashboard.top.row": "{units} 件 · {points} 積分",
  "admin.dashboard.chart.traffic": "每日瀏覽量與訪客數",
  "admin.dashboard.chart.trafficDesc":
    "近 30 天（{from} 至 {today}）每日瀏覽量（柱）與訪客數（線）。瀏覽量合計 {views}，單日最高 {maxViews}；訪客數 {visitors}。",
  "admin.dashboard.chart.points": "每日發放與消耗積分",
  "admin.dashboard.chart.pointsDesc":
    "近 30 天（{from} 至 {today}）每日發放積分與消耗積分（並列柱）。發放合計 {issued}，消耗合計 {spent}。",
  "admin.dashboard.chart.max": "最高 {value}",
  "admin.dashboard.table.summary": "檢視每日明細",
  "admin.dashboard.table.caption": "近 30 天每日資料",
  "admin.dashboard.table.day": "日期",
} satisfies Catalogue<typeof zh>;
