import type { Catalogue } from "../types";
import type { walletMessages as zh } from "../zh-CN/wallet";

// The member's wallet: earning, spending, expiry and their refusals.
export const walletMessages = {
  "wallet.capExceeded": "Over today's points limit ({cap} a day); you can still earn {left} points today",
  "wallet.capReached":
    "You've reached today's points limit ({cap} a day) and can earn 0 more points today. Come back tomorrow!",
  "wallet.alreadyCheckedIn":
    "Already checked in today ({date}): day {streak} in a row, {points} points earned; tomorrow brings {tomorrow} points",
  "wallet.reason.checkin": "Check-in, day {streak}",
  "wallet.reason.signupBonus": "New member bonus",
  "wallet.reason.expired": "Points expired",
  "wallet.pointsMustBePositive": "Points must be a positive whole number",
  "wallet.insufficient": "Not enough points: you have {balance}, {points} needed",
  /** The same, after the error table's 积分不足 (the Merchant API's error message). */
  "wallet.insufficient.short": "balance {balance}, {points} needed",
  "wallet.pointsOrAmount": "Give exactly one of points and amountFen",
  "wallet.unknownSource": "Unknown points source: {source}",
  "wallet.amountMustBePositive": "The amount (in fen) must be a positive whole number",
  "wallet.amountTooSmall": "The amount converts to less than 1 point",
  "wallet.tooLarge": "The number of points is too large",
  "wallet.refMissing": "The idempotency key ref is missing",
  "wallet.refReserved": "The ref “{ref}” is reserved by the system; please use another",
  "wallet.refUsed": "The ref “{ref}” is already used by another operation ({op})",
  "wallet.earnNotFound": "No points earning with the ref “{ref}”",
  "wallet.reason.spend": "Redeemed “{item}”",
  "wallet.reason.refund": "Order {order} cancelled, points refunded",
  "wallet.spendAborted": "This redemption timed out and was voided ({key}); no points were deducted",
  "wallet.spendRefused": "This redemption was declined for lack of points ({key})",
  "wallet.spendNotFound": "No points deduction with the redemption number “{key}”",
  "wallet.earnTooLarge": "At most {max} points can be earned at once; this earning is {points} points",
  "wallet.earnLimitReached": "A member can earn at most {max} points a day; {left} points can still be earned today",
  "wallet.adjustPoints": "An adjustment must be a whole number other than zero",
  "wallet.reason.makeup": "Make-up check-in for {date} (day {streak} in a row)",
  "wallet.reason.makeupCost": "Make-up check-in for {date}",
  "wallet.makeupOff": "Make-up check-ins aren't available in this mall",
  "wallet.makeupFuture": "{date} hasn't come yet, so it can't be made up",
  "wallet.makeupToday": "For today ({date}), just check in",
  "wallet.makeupNotThisMonth": "Only days of this month can be made up; {date} isn't in this month",
  "wallet.makeupNotMissed": "You already checked in on {date}; no make-up needed",
  "wallet.makeupLimit": "You've used up this month's make-up check-ins ({max} a month)",
  "wallet.makeupInsufficient": "Not enough points: a make-up check-in costs {points} points, you have {balance}",
  "wallet.makeupPending": "The make-up check-in for {date} is being processed; refresh in a moment",
  "wallet.birthdayInvalid": "Your birthday must be a valid date from 1900 up to today (YYYY-MM-DD)",
  "wallet.birthdayAlreadySet": "Your birthday is already set to {birthday} and can't be changed",
  "wallet.referralDailyCap": "Today's invitation rewards are used up (at most {cap} friends rewarded a day)",
  "wallet.referralTotalCap": "Invitation rewards are used up (at most {cap} friends rewarded)",
} satisfies Catalogue<typeof zh>;
