import type { Catalogue } from "../types";
import type { adminUsersMessages as zh } from "../zh-CN/admin-users";

// The console's admins list.
export const adminUsersMessages = {
  "admin.users.title": "Admins",
  "admin.users.listLabel": "Admin list",
  "admin.users.you": " (you)",
  "admin.users.lastLogin": "Last sign-in: {time}",
  "admin.users.neverLoggedIn": "Never signed in",
  "admin.users.remove": "Remove",
  "admin.users.create.title": "Add an operator",
  "admin.users.create.hint": "Operators can sign in to the console for day-to-day work, but can't manage other admins.",
  "admin.users.create.email": "Operator's email",
  "admin.users.create.submit": "Add",
  "admin.users.created": "Operator {email} added",
  "admin.users.initialPassword": "The initial password is shown only this once. Copy it now and pass it on to them:",
} as const satisfies Catalogue<typeof zh>;
