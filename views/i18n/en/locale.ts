import type { Catalogue } from "../types";
import type { localeMessages as zh } from "../zh-CN/locale";

// The language switch (worker/locale/routes.ts) in the footer of every page and the console.
export const localeMessages = {
  "locale.switch.label": "Language",
  "locale.error.to": "unsupported language; choose zh-CN, zh-Hant or en",
  "locale.error.back": "the return address must be a page of this site",
} satisfies Catalogue<typeof zh>;
