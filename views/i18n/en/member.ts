import type { Catalogue } from "../types";
import type { memberMessages as zh } from "../zh-CN/member";

// The member's own pages: the member bar, check-in, login, points and the ledger, the "me" menu.
export const memberMessages = {
  "member.balance": "{balance} points",
  "member.balanceLabel": "My points",
  "member.checkin": "Check in",
  "member.checkedIn": "Checked in",
  "member.login": "Log in",
  "member.guestHint": "Log in to check in and redeem",

  "checkin.gained": "Checked in! +{points} points",
  "checkin.streak": "{days}-day streak; check in tomorrow for {points} points",

  "login.title": "How to log in",
  "login.text":
    "You are logged in automatically from the store's WeChat official account menu or a personal link the store sends you; no password needed. Open the store's official account in WeChat and tap “Points Mall” in its menu.",
  "login.needed": "Log in to check in and redeem",

  "points.title": "My points",
  "points.balance": "Available points",
  "points.tier": "{tier} member · points ×{multiplier}",
  "points.nextTier": "{earned} points earned in the last 12 months; earn {remaining} more to become a {tier} member",
  "points.topTier": "{earned} points earned in the last 12 months; you're at the top tier",
  "points.expiring": "Expiring soon",
  "points.expiringItem": "{points} points expire on {date}",
  "points.noExpiring": "No points expire in the next 30 days",
  "points.calendar": "Check-ins in {month}",
  "points.calendarStreak": "{days}-day check-in streak",
  "points.ledger": "Points history",
  "points.ledgerEmpty": "No points activity yet",
  "points.more": "Load more",
  "points.expiresAt": "Valid until {date}",

  "ledger.kind.earned": "Earned",
  "ledger.kind.spent": "Redeemed",
  "ledger.kind.refunded": "Refunded",
  "ledger.kind.expired": "Expired",
  "ledger.kind.adjusted": "Adjusted",

  "me.orders": "My orders",
  "me.addresses": "Addresses",
  "me.points": "My points",
  "me.logout": "Log out",
  "me.nav": "Me",

  "member.blocked.checkin":
    "Your account is frozen, so this check-in earned no points. Please contact the store with any questions",
  "member.blocked.notice":
    "Your account is frozen: you can keep browsing, but can't earn or redeem points for now. Please contact the store with any questions.",
  "member.blocked.badge": "Frozen",
  "me.groups": "My group buys",
  "me.invite": "Invite friends",
  "me.codes": "Redeem a code",
} satisfies Catalogue<typeof zh>;
