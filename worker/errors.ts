// Every failure the user can see is a code. One table maps each code to its HTTP status and the key of its
// user text in the message catalogue; handlers throw AppError(code) and onError answers in the caller's
// format (JSON for the API, a fragment for htmx, a page otherwise).
import type { MessageKey } from "../views/i18n";

export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, message: "error.BAD_REQUEST" },
  BAD_FILTER: { status: 400, message: "error.BAD_FILTER" },
  VALIDATION_FAILED: { status: 422, message: "error.VALIDATION_FAILED" },
  UNAUTHORIZED: { status: 401, message: "error.UNAUTHORIZED" },
  AUTOLOGIN_INVALID: { status: 401, message: "error.AUTOLOGIN_INVALID" },
  AUTOLOGIN_EXPIRED: { status: 401, message: "error.AUTOLOGIN_EXPIRED" },
  AUTOLOGIN_REPLAYED: { status: 401, message: "error.AUTOLOGIN_REPLAYED" },
  AUTOLOGIN_BAD_REDIRECT: { status: 401, message: "error.AUTOLOGIN_BAD_REDIRECT" },
  FORBIDDEN: { status: 403, message: "error.FORBIDDEN" },
  NOT_FOUND: { status: 404, message: "error.NOT_FOUND" },
  ITEM_NOT_FOUND: { status: 404, message: "error.ITEM_NOT_FOUND" },
  MEMBER_NOT_FOUND: { status: 404, message: "error.MEMBER_NOT_FOUND" },
  EARN_NOT_FOUND: { status: 404, message: "error.EARN_NOT_FOUND" },
  LOGIN_REQUIRED: { status: 401, message: "error.LOGIN_REQUIRED" },
  CSRF_FAILED: { status: 403, message: "error.CSRF_FAILED" },
  DAILY_CAP_REACHED: { status: 409, message: "error.DAILY_CAP_REACHED" },
  ALREADY_CHECKED_IN: { status: 409, message: "error.ALREADY_CHECKED_IN" },
  REF_CONFLICT: { status: 409, message: "error.REF_CONFLICT" },
  REF_REUSED: { status: 422, message: "error.REF_REUSED" },
  REF_IN_PROGRESS: { status: 409, message: "error.REF_IN_PROGRESS" },
  INVALID_AMOUNT: { status: 422, message: "error.INVALID_AMOUNT" },
  INSUFFICIENT_POINTS: { status: 409, message: "error.INSUFFICIENT_POINTS" },
  SOLD_OUT: { status: 409, message: "error.SOLD_OUT" },
  LIMIT_REACHED: { status: 409, message: "error.LIMIT_REACHED" },
  NOT_ON_SALE: { status: 409, message: "error.NOT_ON_SALE" },
  SKU_TAKEN: { status: 409, message: "error.SKU_TAKEN" },
  TYPE_LOCKED: { status: 409, message: "error.TYPE_LOCKED" },
  STOCK_BELOW_ZERO: { status: 409, message: "error.STOCK_BELOW_ZERO" },
  NOT_COUPON_ITEM: { status: 409, message: "error.NOT_COUPON_ITEM" },
  TIER_NOT_ALLOWED: { status: 409, message: "error.TIER_NOT_ALLOWED" },
  ADDRESS_REQUIRED: { status: 422, message: "error.ADDRESS_REQUIRED" },
  MEMBER_BLOCKED: { status: 403, message: "error.MEMBER_BLOCKED" },
  ABORTED: { status: 409, message: "error.ABORTED" },
  ORDER_NOT_FOUND: { status: 404, message: "error.ORDER_NOT_FOUND" },
  NOT_CANCELLABLE: { status: 409, message: "error.NOT_CANCELLABLE" },
  NOT_SHIPPABLE: { status: 409, message: "error.NOT_SHIPPABLE" },
  NOT_FINISHABLE: { status: 409, message: "error.NOT_FINISHABLE" },
  SPEND_NOT_FOUND: { status: 404, message: "error.SPEND_NOT_FOUND" },
  KEY_REUSED: { status: 409, message: "error.KEY_REUSED" },
  EARN_TOO_LARGE: { status: 422, message: "error.EARN_TOO_LARGE" },
  EARN_LIMIT_REACHED: { status: 409, message: "error.EARN_LIMIT_REACHED" },
  ADMIN_EMAIL_TAKEN: { status: 409, message: "error.ADMIN_EMAIL_TAKEN" },
  ADMIN_USER_NOT_FOUND: { status: 404, message: "error.ADMIN_USER_NOT_FOUND" },
  ADMIN_CANNOT_REMOVE: { status: 409, message: "error.ADMIN_CANNOT_REMOVE" },
  API_KEY_NOT_FOUND: { status: 404, message: "error.API_KEY_NOT_FOUND" },
  // @section items
  IMAGE_TOO_MANY_PIXELS: { status: 422, message: "error.IMAGE_TOO_MANY_PIXELS" },
  IMAGE_INVALID: { status: 422, message: "error.IMAGE_INVALID" },
  IMAGE_TOO_LARGE: { status: 422, message: "error.IMAGE_TOO_LARGE" },
  CATEGORY_NOT_FOUND: { status: 404, message: "error.CATEGORY_NOT_FOUND" },
  CATEGORY_IN_USE: { status: 409, message: "error.CATEGORY_IN_USE" },
  // @section orders
  // @section payments
  PAYMENTS_OFF: { status: 409, message: "error.PAYMENTS_OFF" },
  NOT_PAYABLE: { status: 409, message: "error.NOT_PAYABLE" },
  PAYMENT_EXPIRED: { status: 409, message: "error.PAYMENT_EXPIRED" },
  PAYMENT_FAILED: { status: 409, message: "error.PAYMENT_FAILED" },
  NOT_REFUNDABLE: { status: 409, message: "error.NOT_REFUNDABLE" },
  // @section members
  // @section settings
  // @section dashboard
  // @section faults: answers that say "not now, try again" (worker/security/unavailable.ts, worker/rate-limit/)
  RATE_LIMITED: { status: 429, message: "error.RATE_LIMITED" },
  SERVICE_UNAVAILABLE: { status: 503, message: "error.SERVICE_UNAVAILABLE" },
  // @section webhooks
  WEBHOOK_NOT_FOUND: { status: 404, message: "error.WEBHOOK_NOT_FOUND" },
  WEBHOOK_URL_NOT_ALLOWED: { status: 422, message: "error.WEBHOOK_URL_NOT_ALLOWED" },
  DELIVERY_NOT_FOUND: { status: 404, message: "error.DELIVERY_NOT_FOUND" },
  // @section wechat
  WECHAT_NOT_CONFIGURED: { status: 404, message: "error.WECHAT_NOT_CONFIGURED" },
  WECHAT_STATE_INVALID: { status: 403, message: "error.WECHAT_STATE_INVALID" },
  WECHAT_LOGIN_DENIED: { status: 401, message: "error.WECHAT_LOGIN_DENIED" },
  WECHAT_CODE_INVALID: { status: 401, message: "error.WECHAT_CODE_INVALID" },
  WECHAT_UNAVAILABLE: { status: 502, message: "error.WECHAT_UNAVAILABLE" },
  WECHAT_ALREADY_BOUND: { status: 409, message: "error.WECHAT_ALREADY_BOUND" },
  // @section lottery
  LOTTERY_NOT_FOUND: { status: 404, message: "error.LOTTERY_NOT_FOUND" },
  LOTTERY_NOT_STARTED: { status: 409, message: "error.LOTTERY_NOT_STARTED" },
  LOTTERY_ENDED: { status: 409, message: "error.LOTTERY_ENDED" },
  DRAW_DAILY_LIMIT: { status: 409, message: "error.DRAW_DAILY_LIMIT" },
  DRAW_TOTAL_LIMIT: { status: 409, message: "error.DRAW_TOTAL_LIMIT" },
  // @section campaigns
  MAKEUP_UNAVAILABLE: { status: 409, message: "error.MAKEUP_UNAVAILABLE" },
  MAKEUP_NOT_THIS_MONTH: { status: 422, message: "error.MAKEUP_NOT_THIS_MONTH" },
  MAKEUP_NOT_MISSED: { status: 409, message: "error.MAKEUP_NOT_MISSED" },
  MAKEUP_FUTURE: { status: 422, message: "error.MAKEUP_FUTURE" },
  MAKEUP_LIMIT_REACHED: { status: 409, message: "error.MAKEUP_LIMIT_REACHED" },
  INVALID_BIRTHDAY: { status: 422, message: "error.INVALID_BIRTHDAY" },
  BIRTHDAY_ALREADY_SET: { status: 409, message: "error.BIRTHDAY_ALREADY_SET" },
  CAMPAIGN_NOT_FOUND: { status: 404, message: "error.CAMPAIGN_NOT_FOUND" },
  // @section tasks
  TASK_NOT_FOUND: { status: 404, message: "error.TASK_NOT_FOUND" },
  MESSAGE_NOT_FOUND: { status: 404, message: "messages.notFound" },
  TASK_NOT_OPEN: { status: 409, message: "error.TASK_NOT_OPEN" },
  TASK_EXPIRED: { status: 409, message: "error.TASK_EXPIRED" },
  TASK_NOT_COMPLETE: { status: 409, message: "error.TASK_NOT_COMPLETE" },
  TASK_TOO_EARLY: { status: 409, message: "error.TASK_TOO_EARLY" },
  TASK_ALREADY_CLAIMED: { status: 409, message: "error.TASK_ALREADY_CLAIMED" },
  // @section group buy
  GROUP_DEAL_NOT_FOUND: { status: 404, message: "error.GROUP_DEAL_NOT_FOUND" },
  GROUP_DEAL_CLOSED: { status: 409, message: "error.GROUP_DEAL_CLOSED" },
  GROUP_NOT_FOUND: { status: 404, message: "error.GROUP_NOT_FOUND" },
  GROUP_FULL: { status: 409, message: "error.GROUP_FULL" },
  GROUP_CLOSED: { status: 409, message: "error.GROUP_CLOSED" },
  GROUP_ALREADY_JOINED: { status: 409, message: "error.GROUP_ALREADY_JOINED" },
  // @section referrals
  REFERRAL_CAP_REACHED: { status: 409, message: "error.REFERRAL_CAP_REACHED" },
  // @section codes
  CODE_INVALID: { status: 409, message: "error.CODE_INVALID" },
  CODE_BATCH_NOT_FOUND: { status: 404, message: "error.CODE_BATCH_NOT_FOUND" },
  // @section duiba (兑吧兼容, worker/duiba; texts in views/i18n/zh-CN/duiba.ts)
  DUIBA_REFUSED: { status: 409, message: "error.DUIBA_REFUSED" },
  DUIBA_TIMEOUT: { status: 409, message: "error.DUIBA_TIMEOUT" },
  DUIBA_SIGN_INVALID: { status: 401, message: "duiba.error.SIGN_INVALID" },
  DUIBA_EXPIRED: { status: 401, message: "duiba.error.EXPIRED" },
  DUIBA_APPKEY_MISMATCH: { status: 401, message: "duiba.error.APPKEY_MISMATCH" },
  DUIBA_BAD_PARAMS: { status: 400, message: "duiba.error.BAD_PARAMS" },
  DUIBA_REPLAYED: { status: 401, message: "duiba.error.REPLAYED" },
  DUIBA_MODE_OFF: { status: 404, message: "duiba.error.MODE_OFF" },
  INTERNAL: { status: 500, message: "error.INTERNAL" },
} as const satisfies Record<
  string,
  { status: 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 502 | 503; message: MessageKey }
>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Extra detail for the user (e.g. which field was invalid); already in the user's language. */
  readonly detail?: string;
  constructor(code: ErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.code = code;
    this.detail = detail;
  }
  get status() {
    return ERROR_CODES[this.code].status;
  }
}
