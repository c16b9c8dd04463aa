// Where OpenCC (cn → twp, Taiwan phrases) gets this mall's words wrong, or Taiwan says it otherwise. Applied in
// order to OpenCC's output by hant-convert.ts (`npm run i18n:hant`). Keep it small: a term, not a sentence.
// A whole text that no term rule can fix goes into HANT_KEY_OVERRIDES instead (key → zh-Hant text).
export const HANT_TERM_FIXES: readonly (readonly [RegExp, string])[] = [
  [/補籤/g, "補簽"], // 补签 is a missed check-in (簽到), not a lottery stick (籤)
  [/籤到/g, "簽到"],
  [/許可權/g, "權限"],
  [/引數/g, "參數"],
  [/隻(影響|能|有|要|是|顯示|可|在|看|算|會|需|剩)/g, "只$1"],
  [/(銀行卡|帳號|賬號)已登出/g, "$1已註銷"],
  [/賬/g, "帳"],
  [/當前/g, "目前"],
  [/發貨/g, "出貨"],
  [/運單號/g, "物流單號"],
  [/介面權杖|介面令牌/g, "API 權杖"],
  [/介面發放/g, "API 發放"],
  [/令牌/g, "權杖"],
  [/郵箱/g, "電子郵件"],
  [/門店/g, "門市"],
  [/收貨地址/g, "收件地址"],
  [/收貨人/g, "收件人"],
  [/記錄/g, "紀錄"],
  [/創建/g, "建立"],
  [/運營/g, "營運人員"],
  [/手機號(?!碼)/g, "手機號碼"],
  [/審計日誌/g, "稽核紀錄"],
  [/吊銷/g, "撤銷"],
  [/退出登入/g, "登出"],
  [/秒殺/g, "搶購"],
  [/獲取/g, "取得"],
  [/配置/g, "設定"],
  [/跳轉地址/g, "導向網址"],
  [/(接收|通知|返回|回撥)地址/g, "$1網址"],
  [/(https|Webhook) 地址/g, "$1 網址"],
  [/帶帳號密碼的地址/g, "帶帳號密碼的網址"],
  [/內網/g, "內部網路"],
  [/訪問(權限|此頁面)/g, "存取$1"],
  [/您訪問/g, "您存取"],
  [/到帳/g, "入帳"],
  [/待支付/g, "待付款"],
  [/支付通知/g, "付款通知"],
  [/證書序列號/g, "憑證序號"],
  [/平臺/g, "平台"],
  [/包郵到家/g, "免運費宅配到府"],
  [/型別/g, "類型"],
  [/迴圈/g, "循環"],
  [/進位制/g, "進位"],
  [/程式碼/g, "代碼"],
  [/新建/g, "新增"],
  [/生成/g, "產生"],
  [/斷籤/g, "斷簽"],
  [/天后/g, "天後"],
  [/金鑰籤/g, "金鑰簽"],
  [/“/g, "「"],
  [/”/g, "」"],
  [/通過/g, "透過"], // "through": Taiwan writes 透過 (通過 is to pass)
  [/待發送/g, "待傳送"],
];

/** Whole texts, by key, where the term rules are not enough. */
export const HANT_KEY_OVERRIDES: Readonly<Record<string, string>> = {
  // zh-CN's 列 is a column and 行 a row; Taiwan says 欄 and 列.
  "admin.items.codes.file": "或上傳 CSV 檔案（取第一欄）",
  "admin.orders.batch.columns": "須為 3 欄（訂單號,物流公司,物流單號），這一行有 {count} 欄",
  "admin.settings.rules.tiersHint":
    "按近 12 個月獲得的積分定級；第一個等級門檻為 0，門檻逐級升高，倍率不小於 1。清空一列即刪除該等級，在空白列填寫即新增。",
  "admin.nav.logout": "登出",
};
