import type { Catalogue } from "../types";
import type { localeMessages as zh } from "../zh-CN/locale";

// The language switch (worker/locale/routes.ts) in the footer of every page and the console.
export const localeMessages = {
  "locale.switch.label": "語言",
  "locale.error.to": "不支援這種語言，可選：zh-CN、zh-Hant、en",
  "locale.error.back": "返回網址須為本站的頁面路徑",
} satisfies Catalogue<typeof zh>;
