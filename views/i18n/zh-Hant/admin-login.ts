import type { Catalogue } from "../types";
import type { adminLoginMessages as zh } from "../zh-CN/admin-login";

// Console sign-in.
export const adminLoginMessages = {
  "admin.login.title": "管理員登入",
  "admin.login.hint": "僅限商家管理員使用。顧客請從商家公眾號選單進入商城。",
  "admin.login.email": "電子郵件",
  "admin.login.password": "密碼",
  "admin.login.submit": "登入",
  "admin.login.failed": "電子郵件或密碼錯誤，請檢查後重試",
  "admin.login.locked": "連續登入失敗次數過多，帳號已暫時鎖定，請 {seconds} 秒後再試",
  "admin.login.required": "請先登入管理後臺",
} satisfies Catalogue<typeof zh>;
