// The bad inputs an attacker's probe found (issue 14), as data: every entry is one request that the mall must
// refuse with a clear 4xx and without writing anything. worker/security/bad-inputs.test.ts sends each one
// through the real Worker; a bad-input corpus test over every route imports this list as well.
//
// Placeholders in `path`, `body`, `query` and `signed` values, filled in by the runner:
//   {uid}           a member with points (logged in: auth "member")
//   {otherUid}      a second member with points (auth "otherMember")
//   {itemId}        a fresh virtual item on which {uid} has redeemed one unit with {usedKey}
//   {otherItemId}   another fresh virtual item nobody has redeemed
//   {couponItemId}  a fresh coupon item nobody has redeemed
//   {physicalItemId} a fresh physical item
//   {orderId}       a placed physical order of {uid}
//   {usedKey}       the redemption key {uid} used on {itemId}
//   {earnRef}       a ref (a UUID) {uid} earned points with through the Merchant API
//   {newKey}        a fresh UUID
// Page forms (auth "member", "otherMember", "admin") get the session's CSRF token as `_csrf` unless the body
// names one. `signed`: an autologin link's parameters, signed with the autologin secret by the runner
// (timestamp and nonce added when missing).

export type BadInputAuth = "none" | "api" | "member" | "otherMember" | "admin";

export type BadInput = {
  /** The route as the README names it. */
  route: string;
  method: "GET" | "POST" | "PUT" | "PATCH";
  path: string;
  auth: BadInputAuth;
  /** JSON (auth "api") or form fields (pages). */
  body?: unknown;
  query?: Record<string, string>;
  signed?: Record<string, string>;
  /** Sent as is with HX-Request: true (the htmx variant of a page form). */
  htmx?: boolean;
  expect: { status: number; code?: string };
  why: string;
};

const NUL = "\u0000";
const RLO = "\u202e";
const LONE = "\ud800";

const earn = (body: Record<string, unknown>, why: string, status = 422, code = "VALIDATION_FAILED"): BadInput => ({
  route: "POST /api/v1/members/{uid}/points/earn",
  method: "POST",
  path: "/api/v1/members/{uid}/points/earn",
  auth: "api",
  body: { ref: "bad-{newKey}", reason: "消费", ...body },
  expect: { status, code },
  why,
});

const redeem = (
  item: string,
  fields: Record<string, string>,
  why: string,
  status: number,
  code: string,
  auth: BadInputAuth = "member",
): BadInput => ({
  route: "POST /items/{id}/redeem",
  method: "POST",
  path: `/items/${item}/redeem`,
  auth,
  body: { qty: "1", ...fields },
  htmx: true,
  expect: { status, code },
  why,
});

const createItem = (over: Record<string, unknown>, why: string): BadInput => ({
  route: "POST /api/v1/items",
  method: "POST",
  path: "/api/v1/items",
  auth: "api",
  body: { sku: "BAD-{newKey}", name: "测试商品", type: "virtual", points: 100, stock: 10, ...over },
  expect: { status: 422, code: "VALIDATION_FAILED" },
  why,
});

const autologin = (params: Record<string, string>, why: string, code: string): BadInput => ({
  route: "GET /autologin",
  method: "GET",
  path: "/autologin",
  auth: "none",
  signed: { uid: "bad-{newKey}", redirect: "/", ...params },
  expect: { status: 401, code },
  why,
});

export const BAD_INPUTS: BadInput[] = [
  // ---- critical: a redeem key is bound to one (member, item, qty) -------------------------------------
  redeem(
    "{otherItemId}",
    { key: "{usedKey}" },
    "a key already used on another item: must not hand out that item for free",
    409,
    "KEY_REUSED",
  ),
  redeem(
    "{couponItemId}",
    { key: "{usedKey}" },
    "a key already used, on a coupon item: no fresh codes for free",
    409,
    "KEY_REUSED",
  ),
  redeem(
    "{otherItemId}",
    { key: "{usedKey}", qty: "5" },
    "a key already used, on another item with qty 5",
    409,
    "KEY_REUSED",
  ),
  redeem(
    "{itemId}",
    { key: "{usedKey}", qty: "2" },
    "the same key on the same item with another quantity",
    409,
    "KEY_REUSED",
  ),
  redeem(
    "{itemId}",
    { key: "{usedKey}" },
    "another member with the first member's key on the same item: not charged, not given their order",
    409,
    "KEY_REUSED",
    "otherMember",
  ),
  redeem(
    "{otherItemId}",
    { key: "{usedKey}" },
    "another member with the first member's key on another item",
    409,
    "KEY_REUSED",
    "otherMember",
  ),
  redeem(
    "{otherItemId}",
    { key: "{earnRef}" },
    "the member's own earn ref (a UUID) as the redeem key",
    409,
    "KEY_REUSED",
  ),
  redeem(
    "{otherItemId}",
    { key: "signup_bonus" },
    "the wallet's new-member-bonus ref as the redeem key",
    422,
    "VALIDATION_FAILED",
  ),
  redeem("{otherItemId}", { key: "checkin:2026-01-01" }, "a check-in ref as the redeem key", 422, "VALIDATION_FAILED"),
  redeem(
    "{otherItemId}",
    { key: "purchase-1001" },
    "an earn-ref-like string as the redeem key",
    422,
    "VALIDATION_FAILED",
  ),
  redeem(
    "{otherItemId}",
    { key: "AAAAAAAAAAAA" },
    "a redeem key that is not the UUID the page rendered",
    422,
    "VALIDATION_FAILED",
  ),
  redeem(
    "{physicalItemId}",
    {
      key: "{newKey}",
      addressId: "new",
      recipient: `张${NUL}三`,
      phone: "13800138000",
      region: "上海市 徐汇区",
      detail: "漕溪北路 1 号",
    },
    "a NUL byte in the inline address",
    422,
    "VALIDATION_FAILED",
  ),

  // ---- medium: bounds on earning ---------------------------------------------------------------------
  earn({ amountFen: 9007199254740991 }, "a purchase of 90 trillion points"),
  earn({ points: 9007199254739991, source: "purchase" }, "points near 2^53"),
  earn({ points: 1.5 }, "points not an integer"),
  earn(
    { points: 100_001, source: "purchase" },
    "more than the merchant's maximum for one earning (default 100,000)",
    422,
    "EARN_TOO_LARGE",
  ),

  // ---- low: one text rule ----------------------------------------------------------------------------
  createItem({ name: NUL }, "an item name that is a NUL byte"),
  createItem({ name: `Mug${NUL}X` }, "a NUL byte inside an item name (read back cut at the NUL)"),
  createItem({ name: `A${LONE}B` }, "a lone surrogate in an item name (silently became U+FFFD)"),
  createItem({ name: `A${RLO}gpj.exe` }, "a bidi override (U+202E) in an item name"),
  createItem({ name: "A\u0007B" }, "a control character (BEL) in an item name"),
  createItem({ description: `好${NUL}物` }, "a NUL byte in a description"),
  createItem(
    { images: [{ url: "https://img.example/cup.jpg", width: 400, height: 400 }] },
    "an https image the page CSP (img-src 'self') would block",
  ),
  createItem(
    { images: [{ url: "/media/../admin", width: 400, height: 400 }] },
    "an image path that climbs out of /media",
  ),
  createItem(
    { images: [{ url: "/admin/items", width: 400, height: 400 }] },
    "an image path that is not an image of ours",
  ),
  earn({ points: 10, reason: "   " }, "a whitespace-only reason"),
  earn({ points: 10, reason: `返${NUL}利` }, "a NUL byte in a reason"),
  earn({ points: 10, reason: `a${RLO}b` }, "a bidi override in a reason"),
  {
    route: "PUT /api/v1/members/{uid}",
    method: "PUT",
    path: "/api/v1/members/{uid}",
    auth: "api",
    body: { nickname: `x${RLO}y` },
    expect: { status: 422, code: "VALIDATION_FAILED" },
    why: "a bidi override in a nickname",
  },
  {
    route: "POST /api/v1/orders/{id}/ship",
    method: "POST",
    path: "/api/v1/orders/{orderId}/ship",
    auth: "api",
    body: { ref: "bad-input-ship", carrier: NUL, trackingNo: "SF1234567890" },
    expect: { status: 422, code: "VALIDATION_FAILED" },
    why: 'carrier "\\u0000" passed the not-empty check and shipped with carrier ""',
  },
  {
    route: "POST /api/v1/orders/{id}/cancel",
    method: "POST",
    path: "/api/v1/orders/{orderId}/cancel",
    auth: "api",
    body: { ref: "bad-input-cancel", reason: `\t${NUL}\n` },
    expect: { status: 422, code: "VALIDATION_FAILED" },
    why: "a cancel reason of whitespace and a NUL",
  },
  {
    route: "POST /me/addresses",
    method: "POST",
    path: "/me/addresses",
    auth: "member",
    body: { recipient: `李${NUL}四`, phone: "13800138000", region: "上海市 徐汇区", detail: "漕溪北路 1 号" },
    expect: { status: 422 },
    why: "a NUL byte in an address book entry",
  },
  {
    route: "POST /admin/items",
    method: "POST",
    path: "/admin/items",
    auth: "admin",
    body: { sku: "BAD-{newKey}", name: `杯${NUL}子`, type: "virtual", points: "100", stock: "1" },
    expect: { status: 422 },
    why: "a NUL byte in an item name typed in the console",
  },
  {
    route: "POST /admin/members/{uid}/adjust",
    method: "POST",
    path: "/admin/members/{uid}/adjust",
    auth: "admin",
    body: { ref: "adj-{newKey}", points: "10", reason: `补${RLO}偿` },
    expect: { status: 422 },
    why: "a bidi override in a console adjustment reason",
  },
  {
    route: "POST /admin/orders/{id}/ship",
    method: "POST",
    path: "/admin/orders/{orderId}/ship",
    auth: "admin",
    body: { carrier: `${NUL} `, trackingNo: "SF1234567890" },
    expect: { status: 422 },
    why: "a NUL byte as the carrier typed in the console",
  },

  // ---- low: autologin ----------------------------------------------------------------------------------
  autologin(
    { redirect: "/\r\nSet-Cookie: pm_session=x" },
    "CR/LF in a signed redirect (answered 500)",
    "AUTOLOGIN_BAD_REDIRECT",
  ),
  autologin({ redirect: "/items/1\n" }, "a LF at the end of a signed redirect", "AUTOLOGIN_BAD_REDIRECT"),
  autologin({ redirect: "/a\u0000b" }, "a NUL in a signed redirect", "AUTOLOGIN_BAD_REDIRECT"),
  autologin({ uid: "." }, "uid . (the console and API cannot address it)", "AUTOLOGIN_INVALID"),
  autologin({ uid: ".." }, "uid .. (the console and API cannot address it)", "AUTOLOGIN_INVALID"),
  autologin({ uid: "-x" }, "a uid that does not start with a letter or digit", "AUTOLOGIN_INVALID"),
  autologin({ nickname: `小${NUL}明` }, "a NUL byte in a signed nickname", "AUTOLOGIN_INVALID"),
  {
    route: "PUT /api/v1/members/{uid}",
    method: "PUT",
    path: "/api/v1/members/_x",
    auth: "api",
    body: {},
    expect: { status: 422, code: "VALIDATION_FAILED" },
    why: "a uid outside the one documented pattern",
  },
];
