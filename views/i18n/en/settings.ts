import type { Catalogue } from "../types";
import type { settingsMessages as zh } from "../zh-CN/settings";

// A fresh mall's words, before the merchant names anything in Settings: the mall's name and the tiers' names
// (the defaults of the domain articles; the merchant's own names are data in Turso's settings).
export const settingsMessages = {
  "settings.default.mallName": "Points Mall",
  "settings.default.tier.standard": "Standard",
  "settings.default.tier.gold": "Gold",
  "settings.default.tier.diamond": "Diamond",
} satisfies Catalogue<typeof zh>;
