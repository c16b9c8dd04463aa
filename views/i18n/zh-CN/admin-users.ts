// The console's admins list.
export const adminUsersMessages = {
  "admin.users.title": "管理员",
  "admin.users.listLabel": "管理员列表",
  "admin.users.you": "（你）",
  "admin.users.lastLogin": "上次登录：{time}",
  "admin.users.neverLoggedIn": "尚未登录过",
  "admin.users.remove": "移除",
  "admin.users.create.title": "添加运营",
  "admin.users.create.hint": "运营可以登录后台处理日常事务，不能管理其他管理员。",
  "admin.users.create.email": "运营的邮箱",
  "admin.users.create.submit": "添加",
  "admin.users.created": "已添加运营 {email}",
  "admin.users.initialPassword": "初始密码只显示这一次，请现在复制并转交给对方：",
} as const;
