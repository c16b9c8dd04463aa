import type { Catalogue } from "../types";
import type { adminAuditMessages as zh } from "../zh-CN/admin-audit";

// The console's audit log, and the label of each audited action (`admin.action.<action>`).
export const adminAuditMessages = {
  "admin.audit.title": "Audit log",
  "admin.audit.empty": "Nothing recorded yet",
  "admin.audit.more": "Load more",
  "admin.audit.target": "Target: {target}",
  "admin.audit.change": "Change",
  "admin.audit.before": "Before",
  "admin.audit.after": "After",
  "admin.audit.none": "(none)",

  "admin.action.admin.login": "Signed in to the console",
  "admin.action.admin.login_failed": "Failed sign-in",
  "admin.action.admin.user_create": "Added an admin",
  "admin.action.admin.user_remove": "Removed an admin",
  "admin.action.admin.token_create": "Created an API token",
  "admin.action.admin.token_revoke": "Revoked an API token",
  "admin.action.order.complete": "Marked an order completed",
  "admin.action.member.update": "Updated a member's profile",
  "admin.action.item.create": "Created an item",
  "admin.action.item.update": "Edited an item",
  "admin.action.item.shelf": "Put an item on or off the shelf",
  "admin.action.item.stock_adjust": "Adjusted stock",
  "admin.action.item.codes_import": "Imported coupon codes",
  "admin.action.category.create": "Created a category",
  "admin.action.category.update": "Edited a category",
  "admin.action.category.delete": "Deleted a category",
  "admin.action.order.ship": "Shipped an order",
  "admin.action.order.fulfil": "Marked an order issued",
  "admin.action.order.cancel": "Cancelled an order",
  "admin.action.member.adjust": "Adjusted a member's points",
  "admin.action.member.block": "Froze a member",
  "admin.action.member.unblock": "Unfroze a member",
  "admin.action.settings.update": "Changed settings",
  "admin.action.settings.autologin_rotate": "Rotated the autologin secret",
} satisfies Catalogue<typeof zh>;
