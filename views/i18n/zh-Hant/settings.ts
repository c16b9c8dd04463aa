import type { Catalogue } from "../types";
import type { settingsMessages as zh } from "../zh-CN/settings";

// A fresh mall's words, before the merchant names anything in 設定: the mall's name and the tiers' names
// (the defaults of the domain articles; the merchant's own names are data in Turso's settings).
export const settingsMessages = {
  "settings.default.mallName": "積分商城",
  "settings.default.tier.standard": "普通",
  "settings.default.tier.gold": "黃金",
  "settings.default.tier.diamond": "鑽石",
} satisfies Catalogue<typeof zh>;
