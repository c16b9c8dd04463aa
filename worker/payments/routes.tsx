// The member's side of points + cash, and the provider's notifications:
//   GET  /me/orders/:id/pay         the pay box (amount, deadline, 微信支付, 关闭订单)
//   POST /me/orders/:id/pay         start the payment: JSAPI inside WeChat (when the member's openid for the
//                                   merchant's appid is known from the WeChat login, jsapi-payer.ts),
//                                   H5 otherwise → a page that goes on to the provider's cashier (a form post
//                                   may not redirect off-origin under form-action 'self'; HX-Redirect for htmx)
//   GET  /me/orders/:id/paid        the return page: queries the provider, then shows the box, polling
//   GET  /me/orders/:id/payment     the box as a fragment (the poll; reads Turso only)
//   POST /me/orders/:id/pay/close   the member closes the unpaid order: points and unit back at once
//   POST /payments/:provider/notify the provider's signed notification (payment or refund): 204 once stored,
//                                   401 with WeChat Pay's FAIL body when it does not verify, 404 when no such provider is set up (it retries both)
import type { Context } from "hono";
import { Hono } from "hono";
import { and, eq } from "drizzle-orm";
import { orders, payments } from "../../db/schema";
import { MemberBar } from "../../views/components/member-bar";
import { t } from "../../views/i18n";
import { PaymentBox, type PaymentBoxView } from "../../views/payments/payment-box";
import { JsapiPayPage, PayPage, PayRedirectPage } from "../../views/payments/pay-page";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { CSRF_FIELD, verifyCsrf } from "../identity/csrf";
import { loadMemberBar } from "../member/member-bar";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { orderIdOf } from "../shop/params";
import { loadSettings, walletRules } from "../settings/load-settings";
import { applyPayment } from "./apply-payment";
import { closeDeps, closeUnpaid } from "./close-unpaid";
import { paymentDeadline } from "./order-status";
import { loadProvider } from "./payment-settings";
import { applyRefund } from "./refund-payment";
import { returnPath, startPayment, syncPayment } from "./start-payment";
import { NOTIFICATION_FAIL_BODY } from "./wechat-pay/notification";
import { isWechatBrowser } from "../wechat/config";
import { localCashierUrl, payerOpenid } from "./jsapi-payer";

type Ctx = Context<AppEnv>;

function member(c: Ctx) {
  const s = c.var.session;
  if (!s) throw new AppError("LOGIN_REQUIRED");
  return s;
}

async function boxOf(c: Ctx, uid: string, orderId: string, polling: boolean, notice?: PaymentBoxView["notice"]) {
  const settings = await loadSettings(c.var.db);
  const [[order], [pay], { bar }] = await Promise.all([
    c.var.db
      .select()
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.uid, uid)))
      .limit(1),
    c.var.db.select().from(payments).where(eq(payments.orderId, orderId)).limit(1),
    loadMemberBar(c.env, c.var.session!, walletRules(settings), Date.now()),
  ]);
  if (!order || order.cashFen <= 0) throw new AppError("NOT_FOUND");
  const box: PaymentBoxView = {
    orderId: order.id,
    status: order.status,
    cashFen: order.cashFen,
    points: order.points,
    deadlineAt: paymentDeadline(order),
    timeZone: settings.timeZone,
    paymentState: pay?.state ?? null,
    csrf: bar.kind === "member" ? bar.csrf : "",
    polling,
    notice,
  };
  return { settings, box, bar };
}

async function payPage(c: Ctx, orderId: string, polling: boolean, status = 200, notice?: PaymentBoxView["notice"]) {
  const { settings, box, bar } = await boxOf(c, member(c).uid, orderId, polling, notice);
  if (isHtmx(c.req.raw)) return fragmentResponse(<PaymentBox {...box} />, status);
  return pageResponse(
    <PayPage mall={settings.mall} box={box} headerExtra={<MemberBar bar={bar} />} />,
    settings.mall.brandColor,
    status,
  );
}

async function checkCsrf(c: Ctx) {
  const body = await c.req.parseBody();
  if (!(await verifyCsrf(c.req.raw, c.env.SESSION_SECRET, member(c), body[CSRF_FIELD])))
    throw new AppError("CSRF_FAILED");
  return body;
}

export const paymentRoutes = new Hono<AppEnv>()
  .get("/me/orders/:id/pay", (c) => payPage(c, orderIdOf(c.req.param("id")), false))

  .get("/me/orders/:id/payment", (c) => payPage(c, orderIdOf(c.req.param("id")), true))

  .get("/me/orders/:id/paid", async (c) => {
    const uid = member(c).uid;
    const id = orderIdOf(c.req.param("id"));
    const [order] = await c.var.db
      .select({ status: orders.status })
      .from(orders)
      .where(and(eq(orders.id, id), eq(orders.uid, uid)))
      .limit(1);
    if (order?.status === "awaiting_payment")
      await syncPayment(await loadProvider(c.env, c.var.db), c.var.db, id, Date.now());
    return payPage(c, id, true);
  })

  .post("/me/orders/:id/pay", async (c) => {
    const session = member(c);
    await checkCsrf(c);
    const id = orderIdOf(c.req.param("id"));
    const provider = await loadProvider(c.env, c.var.db);
    if (!provider) throw new AppError("PAYMENTS_OFF");
    const origin = new URL(c.req.url).origin;
    // Inside WeChat with the member's openid for the merchant's appid (kept by the WeChat login): JSAPI, the
    // in-app cashier; otherwise WeChat's H5 cashier.
    const openid = isWechatBrowser(c.req.header("User-Agent"))
      ? await payerOpenid(c.var.db, session.uid, provider)
      : null;
    const r = await startPayment(provider, c.var.db, {
      orderId: id,
      uid: session.uid,
      channel: openid ? "jsapi" : "h5",
      openid: openid ?? undefined,
      clientIp: c.req.header("CF-Connecting-IP") ?? "127.0.0.1",
      origin,
      now: Date.now(),
    });
    if (!r.ok) {
      if (r.code === "ORDER_NOT_FOUND") throw new AppError("NOT_FOUND");
      return payPage(c, id, false, 409, { ok: false, text: t(`error.${r.code}`), code: r.code });
    }
    if ("paid" in r) return c.redirect(returnPath(id), 303);
    const settings = await loadSettings(c.var.db);
    if (r.start.kind === "redirect") {
      if (isHtmx(c.req.raw)) return c.body(null, 200, { "HX-Redirect": r.start.url });
      return pageResponse(<PayRedirectPage mall={settings.mall} url={r.start.url} />, settings.mall.brandColor);
    }
    return pageResponse(
      <JsapiPayPage
        mall={settings.mall}
        params={r.start.params}
        returnUrl={returnPath(id)}
        localCashierUrl={localCashierUrl(c.env, r.start.params, origin + returnPath(id))}
      />,
      settings.mall.brandColor,
    );
  })

  .post("/me/orders/:id/pay/close", async (c) => {
    member(c);
    await checkCsrf(c);
    const id = orderIdOf(c.req.param("id"));
    const { box } = await boxOf(c, member(c).uid, id, false);
    if (box.status !== "awaiting_payment")
      return payPage(c, id, false, 409, { ok: false, text: t("error.NOT_PAYABLE"), code: "NOT_PAYABLE" });
    const provider = await loadProvider(c.env, c.var.db);
    const r = await closeUnpaid(closeDeps(c.env, provider), c.var.db, {
      orderId: id,
      reason: "payment_closed",
      now: Date.now(),
    });
    if (r !== "closed")
      return payPage(c, id, false, 409, { ok: false, text: t("error.NOT_PAYABLE"), code: "NOT_PAYABLE" });
    return payPage(c, id, false, 200, { ok: true, text: t("payments.closed", { points: box.points }) });
  })

  .post("/payments/:provider/notify", async (c) => {
    const provider = await loadProvider(c.env, c.var.db);
    const fail = (status: 401 | 404 | 500) =>
      c.body(NOTIFICATION_FAIL_BODY, status, { "Content-Type": "application/json; charset=utf-8" });
    // no such provider here (not configured, or another one): 404, which the provider also retries
    if (!provider || provider.name !== c.req.param("provider")) return fail(404);
    const body = await c.req.text();
    const now = Date.now();
    const opened = await provider.openNotice(c.req.raw.headers, body, now);
    if (!opened.ok) {
      console.warn(JSON.stringify({ event: "payment_notice_refused", code: opened.code }));
      return fail(401);
    }
    const n = opened.notice;
    if (n.kind === "payment") {
      const r = await applyPayment(c.var.db, n.payment, now);
      if (r === "unknown_order") return fail(500); // not in Turso yet: WeChat Pay retries
    } else {
      await applyRefund(c.var.db, n.refund, now);
    }
    return c.body(null, 204);
  });
