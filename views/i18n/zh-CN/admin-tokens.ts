// The console's Merchant API tokens.
export const adminTokensMessages = {
  "admin.tokens.title": "接口令牌",
  "admin.tokens.listLabel": "接口令牌列表",
  "admin.tokens.empty": "还没有创建过接口令牌",
  "admin.tokens.bootstrap": "部署时配置的 MERCHANT_API_TOKEN 始终有效，不在此列出，也不能在这里吊销。",
  "admin.tokens.created": "创建于 {time}",
  "admin.tokens.lastUsed": "上次使用：{time}",
  "admin.tokens.neverUsed": "从未使用",
  "admin.tokens.active": "有效",
  "admin.tokens.revokedAt": "已于 {time} 吊销",
  "admin.tokens.revoke": "吊销",
  "admin.tokens.create.title": "创建接口令牌",
  "admin.tokens.create.hint":
    "令牌用于调用商家接口（Authorization: Bearer <令牌>）。名称用来区分用途，例如“ERP 同步”。",
  "admin.tokens.create.name": "令牌名称（1–40 个字）",
  "admin.tokens.create.submit": "创建",
  "admin.tokens.createdToken": "已创建接口令牌“{name}”",
  "admin.tokens.showOnce": "令牌只显示这一次，关闭或刷新页面后将无法再次查看，请现在复制并妥善保存：",
} as const;
