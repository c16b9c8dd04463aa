import type { Catalogue } from "../types";
import type { campaignsMessages as zh } from "../zh-CN/campaigns";

// Campaigns (issue 8), English: points-doubling day banners, birthday points (the member's birthday page),
// make-up check-ins on the check-in calendar, and the console's Campaigns page.
export const campaignsMessages = {
  "campaigns.makeup.title": "Make-up check-in",
  "campaigns.makeup.button": "Make up {month}/{day} for {cost} points",
  "campaigns.makeup.missed": "{month}/{day} missed",
  "campaigns.makeup.madeUp": "{month}/{day} made up",
  "campaigns.makeup.hint":
    "Tap a day you missed this month to make it up: {cost} points each time, {left} left this month ({perMonth} a month)",
  "campaigns.makeup.hintNone": "You have used this month's make-up check-ins ({perMonth} a month)",
  "campaigns.makeup.done": "Made up {month}/{day}: +{points} points (cost {cost} points)",
  "campaigns.makeup.streak": "{streak}-day streak; {left} make-ups left this month",
  "campaigns.makeup.pageTitle": "Make-up check-in",
  "campaigns.makeup.back": "Back to My points",
  "campaigns.makeup.duiba.INSUFFICIENT_POINTS":
    "Not enough points: a make-up check-in costs {cost} points; nothing was made up",
  "campaigns.makeup.duiba.DUIBA_REFUSED":
    "The merchant's system turned down the points for this make-up check-in; no points were taken and nothing was made up",
  "campaigns.makeup.duiba.DUIBA_TIMEOUT":
    "The merchant's system did not answer in time; no points were taken and nothing was made up. Please try again later",
  "campaigns.makeup.duiba.KEY_REUSED": "This make-up check-in was already sent; please refresh the page and try again",

  "campaigns.birthday.title": "My birthday",
  "campaigns.birthday.intro":
    "Set your birthday to earn {multiplier}× points on purchases on your birthday. It can be set only once, so please enter it correctly.",
  "campaigns.birthday.introMonth":
    "Set your birthday to earn {multiplier}× points on purchases during your birthday month. It can be set only once, so please enter it correctly.",
  "campaigns.birthday.off": "Birthday bonus points are not on at the moment, but you can still set your birthday.",
  "campaigns.birthday.month": "Month",
  "campaigns.birthday.day": "Day",
  "campaigns.birthday.year": "Year of birth (optional)",
  "campaigns.birthday.choose": "Choose",
  "campaigns.birthday.submit": "Save birthday",
  "campaigns.birthday.saved": "Birthday saved: {birthday}",
  "campaigns.birthday.current": "Your birthday: {birthday}",
  "campaigns.birthday.locked": "Your birthday cannot be changed once set. Please contact the store to correct it.",
  "campaigns.birthday.monthDay": "{month}/{day}",
  "campaigns.birthday.full": "{year}/{month}/{day}",
  "campaigns.birthday.link": "My birthday",
  "campaigns.birthday.field.month": "Choose the month of your birthday",
  "campaigns.birthday.field.day": "Choose the day of your birthday",
  "campaigns.birthday.field.year": "The year of birth must be four digits, from 1900 to this year",

  "campaigns.banner.label": "Campaigns on now",
  "campaigns.banner.item": "{name}: {sources} points ×{multiplier}",
  "campaigns.banner.until": " (until {date})",
  "campaigns.banner.birthday": "Happy birthday! Purchases earn ×{multiplier} points today",
  "campaigns.banner.birthdayMonth": "Happy birthday month! Purchases earn ×{multiplier} points this month",

  "campaigns.api.birthday": "birthday must be MM-DD or YYYY-MM-DD",

  "campaigns.source.purchase": "Purchase",
  "campaigns.source.checkin": "Check-in",
  "campaigns.source.task": "Task",
  "campaigns.source.referral": "Referral",
  "campaigns.source.code": "Redeem code",
  "campaigns.source.other": "Other",
} as const satisfies Catalogue<typeof zh>;
