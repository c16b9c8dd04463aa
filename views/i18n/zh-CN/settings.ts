// A fresh mall's words, before the merchant names anything in 设置: the mall's name and the tiers' names
// (the defaults of the domain articles; the merchant's own names are data in Turso's settings).
export const settingsMessages = {
  "settings.default.mallName": "积分商城",
  "settings.default.tier.standard": "普通",
  "settings.default.tier.gold": "黄金",
  "settings.default.tier.diamond": "钻石",
} as const;
