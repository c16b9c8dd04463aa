import type { Catalogue } from "../types";
import type { adminConsoleMessages as zh } from "../zh-CN/admin-console";

// The console's frame: brand, navigation, roles, its error page.
export const adminConsoleMessages = {
  "admin.brand": "積分商城 · 管理後臺",
  "admin.page.title": "{title} - 積分商城管理後臺",
  "admin.nav.label": "管理後臺導航",
  "admin.nav.dashboard": "概覽",
  "admin.nav.items": "商品",
  "admin.nav.orders": "訂單",
  "admin.nav.members": "會員",
  "admin.nav.lotteries": "抽獎",
  "admin.nav.settings": "設定",
  "admin.nav.audit": "稽核紀錄",
  "admin.nav.users": "管理員",
  "admin.nav.tokens": "API 權杖",
  "admin.nav.webhooks": "Webhook",
  "admin.nav.payments": "支付",
  "admin.nav.logout": "登出",
  "admin.error.back": "返回管理後臺",
  "admin.error.forbidden": "此頁面僅店主可用。如需使用，請聯絡店主。",
  "admin.nav.signedInAs": "目前帳號：{email}（{role}）",
  "admin.role.owner": "所有者",
  "admin.role.operator": "營運人員",
} satisfies Catalogue<typeof zh>;
