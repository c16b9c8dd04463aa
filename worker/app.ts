// The Hono app: middleware, route groups, and the single place errors become responses.
import { Hono } from "hono";
import { getDb } from "../db/client";
import { adminRoutes } from "./admin/routes";
import { pageViewRecorder } from "./analytics/page-views";
import { api } from "./api/api";
import type { AppEnv } from "./app-env";
import { errorResponse, unexpectedErrorResponse } from "./error-response";
import { guestPageCache } from "./page-cache/guest-cache";
import { AppError } from "./errors";
import { readSession } from "./identity/session";
import { groupBuyRoutes } from "./group-buy/routes";
import { localeRoutes } from "./locale/routes";
import { lotteryRoutes } from "./lottery/routes";
import { taskHooks } from "./tasks/hooks";
import { taskRoutes } from "./tasks/routes";
import { messageRoutes } from "./messages/routes";
import { campaignRoutes } from "./campaigns/routes";
import { leaderboardRoutes } from "./leaderboard/routes";
import { codeRoutes } from "./codes/routes";
import { referralRoutes } from "./referrals/routes";
import { inviteParam } from "./referrals/arrival";
import { mediaRoutes } from "./media/routes";
import { isUnavailable, RetryLater, UNAVAILABLE_RETRY_AFTER, withRetryAfter } from "./security/retry-later";
import { inAppBrowser } from "./middleware/in-app-browser";
import { locale } from "./middleware/locale";
import { paymentRoutes } from "./payments/routes";
import { requestLog } from "./middleware/request-log";
import { rateLimits } from "./rate-limit/rate-limit";
import { securityHeaders } from "./middleware/security-headers";
import { autologin } from "./shop/autologin";
import { duibaAutologin } from "./duiba/autologin-route";
import { member } from "./shop/member";
import { shop } from "./shop/shop";
import { soldOutFirst } from "./shop/redeem-sold-out";
import { wechatLogin } from "./wechat/login-routes";

export const app = new Hono<AppEnv>();

// Before everything: a redemption of an item this isolate knows is sold out, answered with as few awaits as
// possible (worker/shop/redeem-sold-out.tsx sets the locale, security headers and log line itself).
app.post("/items/:id/redeem", soldOutFirst);
app.use(locale()); // first: everything after it, error answers included, speaks the request's language
app.use(requestLog());
app.use(securityHeaders());
app.use(inAppBrowser()); // versioned static URLs; no pushState in WeChat (worker/middleware/in-app-browser.ts)
app.use(async (c, next) => {
  c.set("db", getDb(c.env.TURSO_DATABASE_URL, c.env.TURSO_AUTH_TOKEN));
  // The API authenticates by bearer token and /media serves public images: neither needs a shopper session.
  const p = c.req.path;
  if (p.startsWith("/api/") || p.startsWith("/media/")) c.set("session", null);
  else c.set("session", await readSession(c));
  await next();
});
app.use(inviteParam()); // ?inv=<code> on a guest's page: remembered for the login (worker/referrals)
app.use(rateLimits()); // per address and per member, before any route reads or writes (worker/rate-limit)
app.use(pageViewRecorder()); // after the response: one page_views row per full shopper page (waitUntil)
app.use(taskHooks()); // after the response: visit and share-open marks, the browse strip (worker/tasks/hooks.tsx)
app.use(guestPageCache()); // guest home/listing/item pages from caches.default, versioned keys (worker/page-cache)
// Merchant API answers (balances, ledgers, orders with addresses and phone numbers, errors) are never kept by
// a cache on the way; only the public OpenAPI document says otherwise.
app.use("/api/*", async (c, next) => {
  await next();
  if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
});

app.route("/media", mediaRoutes);
app.route("/", shop);
app.route("/", autologin);
app.route("/", duibaAutologin);
app.route("/", wechatLogin);
app.route("/api/v1", api);
app.route("/", member);
app.route("/", paymentRoutes); // payments: pay pages and the provider's notifications
app.route("/", lotteryRoutes);
app.route("/", taskRoutes);
app.route("/", messageRoutes);
app.route("/", groupBuyRoutes);
app.route("/", localeRoutes); // the language switch: GET /lang sets the `lang` cookie
app.route("/", codeRoutes);
app.route("/", referralRoutes);
app.route("/", campaignRoutes);
app.route("/", leaderboardRoutes);
app.route("/admin", adminRoutes);

app.notFound((c) => errorResponse(c, new AppError("NOT_FOUND")));
app.onError(async (err, c) => {
  if (err instanceof AppError) return withRetryAfter(await errorResponse(c, err), err);
  if (isUnavailable(err)) {
    // Turso or an object did not answer: a retryable 503, not a bare 500 (issue 13, faults).
    console.warn(JSON.stringify({ level: "warn", event: "unavailable", path: c.req.path, error: String(err) }));
    const retry = new RetryLater("SERVICE_UNAVAILABLE", UNAVAILABLE_RETRY_AFTER);
    return withRetryAfter(await errorResponse(c, retry), retry);
  }
  return unexpectedErrorResponse(c, err);
});
