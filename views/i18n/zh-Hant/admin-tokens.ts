import type { Catalogue } from "../types";
import type { adminTokensMessages as zh } from "../zh-CN/admin-tokens";

// The console's Merchant API tokens.
export const adminTokensMessages = {
  "admin.tokens.title": "API 權杖",
  "admin.tokens.listLabel": "API 權杖列表",
  "admin.tokens.empty": "還沒有建立過API 權杖",
  "admin.tokens.bootstrap": "部署時設定的 MERCHANT_API_TOKEN 始終有效，不在此列出，也不能在這裡撤銷。",
  "admin.tokens.created": "建立於 {time}",
  "admin.tokens.lastUsed": "上次使用：{time}",
  "admin.tokens.neverUsed": "從未使用",
  "admin.tokens.active": "有效",
  "admin.tokens.revokedAt": "已於 {time} 撤銷",
  "admin.tokens.revoke": "撤銷",
  "admin.tokens.create.title": "建立API 權杖",
  "admin.tokens.create.hint":
    "權杖用於呼叫商家介面（Authorization: Bearer <權杖>）。名稱用來區分用途，例如“ERP 同步”。",
  "admin.tokens.create.name": "權杖名稱（1–40 個字）",
  "admin.tokens.create.submit": "建立",
  "admin.tokens.createdToken": "已建立API 權杖“{name}”",
  "admin.tokens.showOnce": "權杖只顯示這一次，關閉或重新整理頁面後將無法再次檢視，請現在複製並妥善儲存：",
} satisfies Catalogue<typeof zh>;
