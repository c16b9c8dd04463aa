import type { Catalogue } from "../types";
import type { adminConsoleMessages as zh } from "../zh-CN/admin-console";

// The console's frame: brand, navigation, roles, its error page.
export const adminConsoleMessages = {
  "admin.brand": "Points Mall · Console",
  "admin.page.title": "{title} - Points Mall console",
  "admin.nav.label": "Console navigation",
  "admin.nav.dashboard": "Overview",
  "admin.nav.items": "Items",
  "admin.nav.orders": "Orders",
  "admin.nav.members": "Members",
  "admin.nav.lotteries": "Lucky draws",
  "admin.nav.settings": "Settings",
  "admin.nav.audit": "Audit log",
  "admin.nav.users": "Admins",
  "admin.nav.tokens": "API tokens",
  "admin.nav.webhooks": "Webhooks",
  "admin.nav.payments": "Payments",
  "admin.nav.logout": "Log out",
  "admin.error.back": "Back to the console",
  "admin.error.forbidden": "Only the owner can use this page. Please ask the owner if you need it.",
  "admin.nav.signedInAs": "Signed in as {email} ({role})",
  "admin.role.owner": "Owner",
  "admin.role.operator": "Operator",
  "admin.nav.tasks": "Tasks",
  "admin.nav.groupDeals": "Group buys",
  "admin.nav.referrals": "Invite friends",
  "admin.nav.codes": "Redeem codes",
} satisfies Catalogue<typeof zh>;
