// Console sign-in.
export const adminLoginMessages = {
  "admin.login.title": "管理员登录",
  "admin.login.hint": "仅限商家管理员使用。顾客请从商家公众号菜单进入商城。",
  "admin.login.email": "邮箱",
  "admin.login.password": "密码",
  "admin.login.submit": "登录",
  "admin.login.failed": "邮箱或密码错误，请检查后重试",
  "admin.login.locked": "连续登录失败次数过多，账号已暂时锁定，请 {seconds} 秒后再试",
  "admin.login.required": "请先登录管理后台",
} as const;
