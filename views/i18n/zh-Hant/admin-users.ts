import type { Catalogue } from "../types";
import type { adminUsersMessages as zh } from "../zh-CN/admin-users";

// The console's admins list.
export const adminUsersMessages = {
  "admin.users.title": "管理員",
  "admin.users.listLabel": "管理員列表",
  "admin.users.you": "（你）",
  "admin.users.lastLogin": "上次登入：{time}",
  "admin.users.neverLoggedIn": "尚未登入過",
  "admin.users.remove": "移除",
  "admin.users.create.title": "新增營運人員",
  "admin.users.create.hint": "營運人員可以登入後臺處理日常事務，不能管理其他管理員。",
  "admin.users.create.email": "營運人員的電子郵件",
  "admin.users.create.submit": "新增",
  "admin.users.created": "已新增營運人員 {email}",
  "admin.users.initialPassword": "初始密碼只顯示這一次，請現在複製並轉交給對方：",
} satisfies Catalogue<typeof zh>;
