import type { Catalogue } from "../types";
import type { adminLoginMessages as zh } from "../zh-CN/admin-login";

// Console sign-in.
export const adminLoginMessages = {
  "admin.login.title": "Admin sign-in",
  "admin.login.hint":
    "For the merchant's admins only. Shoppers enter the mall from the merchant's WeChat official account menu.",
  "admin.login.email": "Email",
  "admin.login.password": "Password",
  "admin.login.submit": "Sign in",
  "admin.login.failed": "Wrong email or password; please check and try again",
  "admin.login.locked":
    "Too many failed sign-ins, so the account is locked for now. Please try again in {seconds} seconds",
  "admin.login.required": "Please sign in to the console first",
} as const satisfies Catalogue<typeof zh>;
