// The language switch (worker/locale/routes.ts) in the footer of every page and the console.
export const localeMessages = {
  "locale.switch.label": "语言",
  "locale.error.to": "不支持这种语言，可选：zh-CN、zh-Hant、en",
  "locale.error.back": "返回地址须为本站的页面路径",
} as const;
