// 我的订单: the member's orders newest first (paged with htmx, links without JS), one order's detail (coupon
// codes, address, carrier and tracking number), and 取消订单 while the order allows it — cancelOrder gives the
// points back, and the answer shows the new balance (header badge out of band). Only the member's own
// orders: anyone else's order number is 404.
import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { BalanceBadge } from "../../views/components/balance-badge";
import { MemberBar } from "../../views/components/member-bar";
import { OrderDetail } from "../../views/components/order-detail";
import { OrderRows } from "../../views/components/order-list";
import { t } from "../../views/i18n";
import { OrderPage, OrdersPage } from "../../views/pages/orders-page";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { orderRefusalText } from "../outcome-text";
import { csrfToken } from "../identity/csrf";
import { loadMemberBar, memberBarView } from "../member/member-bar";
import { BadCursorError, finishOrder, getOrder, listOrders } from "../orders";
import { keepOrdersPage, keptOrdersPage, ordersReadMark } from "../orders/orders-page-memo";
import { cancelOrder } from "../redeem/cancel-order";
import type { Order } from "../../domain";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { loadSettings, walletRules } from "../settings/load-settings";
import { validate } from "../validate";
import { walletFor } from "../wallet/wallet-stub";
import { orderIdOf } from "./params";
import { requireMember } from "./require-member";

type Ctx = Context<AppEnv>;

/** Orders per page of 我的订单. */
export const ORDERS_PAGE = 10;

const ListQuery = z.object({
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, "cursor")
    .optional(),
});

/** The member's page of orders: kept per isolate for a moment (../orders/orders-page-memo.ts), else Turso. */
async function pageOf(c: Ctx, uid: string, cursor: string | undefined) {
  const now = Date.now();
  const kept = keptOrdersPage(c.var.db, uid, cursor, now);
  if (kept) return kept;
  const mark = ordersReadMark(now);
  try {
    const page = await listOrders(c.var.db, { uid, limit: ORDERS_PAGE, cursor });
    keepOrdersPage(c.var.db, uid, cursor, page, mark);
    return page;
  } catch (err) {
    if (err instanceof BadCursorError) throw new AppError("BAD_REQUEST", "cursor");
    throw err;
  }
}

/** The member's own order, or 404 (unknown, or someone else's). */
async function ownOrder(c: Ctx, uid: string, id: string): Promise<Order> {
  const order = await getOrder(c.var.db, id);
  if (!order || order.uid !== uid) throw new AppError("NOT_FOUND");
  return order;
}

export const orderRoutes = new Hono<AppEnv>()
  .get("/me/orders", requireMember, validate("query", ListQuery, "BAD_REQUEST"), async (c) => {
    const session = c.var.member;
    const settings = await loadSettings(c.var.db);
    const [{ bar }, page] = await Promise.all([
      loadMemberBar(c.env, session, walletRules(settings), Date.now()),
      pageOf(c, session.uid, c.req.valid("query").cursor),
    ]);
    const list = { orders: page.orders, nextCursor: page.nextCursor, timeZone: settings.timeZone };
    const csrf = bar.kind === "member" ? bar.csrf : null;
    return pageResponse(
      <OrdersPage mall={settings.mall} list={list} headerExtra={<MemberBar bar={bar} />} csrf={csrf} />,
      settings.mall.brandColor,
    );
  })

  .get("/me/orders/more", requireMember, validate("query", ListQuery, "BAD_REQUEST"), async (c) => {
    const session = c.var.member;
    const { cursor } = c.req.valid("query");
    if (!isHtmx(c.req.raw))
      return c.redirect(cursor ? `/me/orders?cursor=${encodeURIComponent(cursor)}` : "/me/orders", 303);
    const [settings, page] = await Promise.all([loadSettings(c.var.db), pageOf(c, session.uid, cursor)]);
    return fragmentResponse(
      <OrderRows orders={page.orders} nextCursor={page.nextCursor} timeZone={settings.timeZone} />,
    );
  })

  .get("/me/orders/:id", requireMember, async (c) => {
    const session = c.var.member;
    const id = orderIdOf(c.req.param("id"));
    const settings = await loadSettings(c.var.db);
    const [order, { bar }] = await Promise.all([
      ownOrder(c, session.uid, id),
      loadMemberBar(c.env, session, walletRules(settings), Date.now()),
    ]);
    const detail = { order, timeZone: settings.timeZone, csrf: bar.kind === "member" ? bar.csrf : null };
    return pageResponse(
      <OrderPage mall={settings.mall} detail={detail} headerExtra={<MemberBar bar={bar} />} />,
      settings.mall.brandColor,
    );
  })

  .post("/me/orders/:id/receive", requireMember, async (c) => {
    const session = c.var.member;
    const id = orderIdOf(c.req.param("id"));
    const [settings, csrf, result] = await Promise.all([
      loadSettings(c.var.db),
      csrfToken(c.env.SESSION_SECRET, session),
      finishOrder(c.var.db, { orderId: id, uid: session.uid, now: Date.now() }),
    ]);
    if (!result.ok && result.code === "ORDER_NOT_FOUND") throw new AppError("NOT_FOUND");
    const order = result.ok ? result.order : await ownOrder(c, session.uid, id);
    const notice = result.ok
      ? { ok: true, text: t("orders.received") }
      : { ok: false, text: orderRefusalText(result), code: result.code };
    const detail = { order, timeZone: settings.timeZone, csrf, notice };
    const status = result.ok ? 200 : 409;
    if (isHtmx(c.req.raw)) return fragmentResponse(<OrderDetail {...detail} />, status);
    const { bar } = await loadMemberBar(c.env, session, walletRules(settings), Date.now());
    return pageResponse(
      <OrderPage mall={settings.mall} detail={detail} headerExtra={<MemberBar bar={bar} />} />,
      settings.mall.brandColor,
      status,
    );
  })

  .post("/me/orders/:id/cancel", requireMember, async (c) => {
    const session = c.var.member;
    const id = orderIdOf(c.req.param("id"));
    const now = Date.now();
    const [settings, csrf] = await Promise.all([loadSettings(c.var.db), csrfToken(c.env.SESSION_SECRET, session)]);
    const result = await cancelOrder(c.env, c.var.db, {
      orderId: id,
      by: "member",
      uid: session.uid,
      reason: t("orders.cancel"),
      now,
    });
    if (!result.ok && result.code === "ORDER_NOT_FOUND") throw new AppError("NOT_FOUND");
    // Not cancellable (shipped, fulfilled, a coupon): show the order as it is, with why. Cancelling an
    // already-cancelled order again answers ok (idempotent) with the balance as it is.
    const order = result.ok ? result.order : await ownOrder(c, session.uid, id);
    const notice = result.ok
      ? { ok: true, text: t("orders.cancelled", { points: order.points, balance: result.balance }) }
      : { ok: false, text: t("orders.notCancellable"), code: result.code };
    const status = result.ok ? 200 : 409;
    const detail = { order, timeZone: settings.timeZone, csrf, notice };
    if (isHtmx(c.req.raw)) {
      return fragmentResponse(
        <>
          <OrderDetail {...detail} />
          {result.ok && <BalanceBadge balance={result.balance} oob />}
        </>,
        status,
      );
    }
    const summary = await walletFor(c.env, session.uid).summary({
      uid: session.uid,
      now,
      rules: walletRules(settings),
    });
    const header = <MemberBar bar={memberBarView(summary, csrf, undefined, c.var.session?.unread)} />;
    return pageResponse(
      <OrderPage mall={settings.mall} detail={detail} headerExtra={header} />,
      settings.mall.brandColor,
      status,
    );
  });
