import type { Catalogue } from "../types";
import type { adminConsoleMessages as zh } from "../zh-CN/admin-console";

// The console's frame: brand, navigation, roles, its error page.
export const adminConsoleMessages = {
  "admin.brand": "Points Mall · Console",
  "admin.page.title": "{title} - Points Mall Console",
  "admin.nav.label": "Console navigation",
  "admin.nav.dashboard": "Overview",
  "admin.nav.items": "Items",
  "admin.nav.orders": "Orders",
  "admin.nav.members": "Members",
  "admin.nav.lotteries": "Lucky draws",
  "admin.nav.campaigns": "Campaigns",
  "admin.nav.tasks": "Tasks",
  "admin.nav.groupDeals": "Group deals",
  "admin.nav.referrals": "Referrals",
  "admin.nav.codes": "Redemption codes",
  "admin.nav.settings": "Settings",
  "admin.nav.audit": "Audit log",
  "admin.nav.users": "Admins",
  "admin.nav.tokens": "API tokens",
  "admin.nav.webhooks": "Webhooks",
  "admin.nav.payments": "Payments",
  "admin.nav.logout": "Log out",
  "admin.error.back": "Back to the console",
  "admin.error.forbidden": "This page is for the owner only. Please ask the owner if you need it.",
  "admin.nav.signedInAs": "Signed in as {email} ({role})",
  "admin.role.owner": "Owner",
  "admin.role.operator": "Operator",
} as const satisfies Catalogue<typeof zh>;
