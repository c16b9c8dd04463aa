// 订单 in the console (owners and operators): the filtered list (paged, htmx load-more), one order with the
// actions its state allows (发货 / 标记已发放 / 取消), 批量发货 from a CSV, and the CSV export of the filter.
// The domain work is worker/orders (listOrders, shipOrder, finishOrder) and cancelOrder (by "merchant").
import { Hono } from "hono";
import { AdminOrderRows } from "../../../views/admin/orders/order-rows";
import { AdminOrdersPage } from "../../../views/admin/orders/orders-page";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { orderRefusalText } from "../../outcome-text";
import { CSRF_FIELD } from "../../identity/csrf";
import { finishOrder, shipOrder } from "../../orders";
import { cancelOrder } from "../../redeem/cancel-order";
import { fragmentResponse, pageResponse } from "../../render";
import { loadSettings } from "../../settings/load-settings";
import { meView, requireCsrf } from "../context";
import { answerDetail, batchPage, listPage, orderIdOf, refusal, str } from "./answers";
import { batchRecords, batchShip } from "./batch-ship";
import { exportFilename, exportOrders, MAX_EXPORT_ROWS } from "./export-csv";
import { firstIssue, OrderFilterQuery, orderFilter, rawFilter } from "./filters";
import { cancelAudit, fulfilAudit, shipAudit } from "../../audit/order-audit";
import { detailView } from "./order-views";
import { CancelFields, ShipFields, shipFieldErrors } from "./ship-fields";

const MAX_UPLOAD_BYTES = 1_000_000;

export const adminOrdersRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const [settings, me] = await Promise.all([loadSettings(c.var.db), meView(c)]);
    const page = await listPage(c, settings.timeZone);
    const common = { brandColor: settings.mall.brandColor, me, timeZone: settings.timeZone };
    if (!page.ok) {
      return pageResponse(
        <AdminOrdersPage
          {...common}
          orders={[]}
          nextCursor={null}
          filter={rawFilter(c.req.query())}
          error={page.message}
        />,
        settings.mall.brandColor,
        422,
      );
    }
    return pageResponse(
      <AdminOrdersPage
        {...common}
        orders={page.orders}
        nextCursor={page.nextCursor}
        filter={page.filter}
        paged={page.cursor !== undefined}
      />,
      settings.mall.brandColor,
    );
  })

  .get("/rows", async (c) => {
    const settings = await loadSettings(c.var.db);
    const page = await listPage(c, settings.timeZone);
    if (!page.ok) throw new AppError("VALIDATION_FAILED", page.message);
    return fragmentResponse(
      <AdminOrderRows
        orders={page.orders}
        nextCursor={page.nextCursor}
        filter={page.filter}
        timeZone={settings.timeZone}
      />,
    );
  })

  .get("/export.csv", async (c) => {
    const settings = await loadSettings(c.var.db);
    const parsed = OrderFilterQuery.safeParse(c.req.query());
    if (!parsed.success) throw new AppError("VALIDATION_FAILED", firstIssue(parsed.error));
    const body = await exportOrders(c.var.db, orderFilter(parsed.data, settings.timeZone), settings.timeZone);
    if (body === null)
      throw new AppError("VALIDATION_FAILED", t("admin.orders.exportTooMany", { max: MAX_EXPORT_ROWS }));
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${exportFilename(Date.now(), settings.timeZone)}"`,
        "Cache-Control": "no-store",
      },
    });
  })

  .get("/batch-ship", (c) => batchPage(c, {}))

  .post("/batch-ship", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const file = form.file;
    const pasted = str(form.csv);
    let text = pasted;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_UPLOAD_BYTES) return batchPage(c, { error: t("admin.orders.batch.tooBig") }, 422);
      text = await file.text();
    }
    const records = batchRecords(text);
    if (!records.ok) return batchPage(c, { text: pasted, error: records.message }, 422);
    const results = await batchShip(c.var.db, c.var.admin.email, records.records);
    return batchPage(c, { text: pasted, results });
  })

  .get("/:id", (c) => answerDetail(c, orderIdOf(c)))

  .post("/:id/ship", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const orderId = orderIdOf(c);
    const raw = { carrier: str(form.carrier), trackingNo: str(form.trackingNo) };
    const parsed = ShipFields.safeParse(raw);
    if (!parsed.success)
      return answerDetail(c, orderId, { ship: { ...raw, errors: shipFieldErrors(parsed.error) } }, 422);
    const { carrier, trackingNo } = parsed.data;
    const now = Date.now();
    const actor = c.var.admin.email;
    const r = await shipOrder(c.var.db, {
      orderId,
      carrier,
      trackingNo,
      now,
      alongside: [shipAudit(c.var.db, { actor, orderId, carrier, trackingNo, now })],
    });
    if (!r.ok) {
      if (r.code === "ORDER_NOT_FOUND") throw new AppError("ORDER_NOT_FOUND");
      return answerDetail(c, orderId, { notice: refusal(r.code, orderRefusalText(r)) }, 409);
    }
    return answerDetail(c, orderId, {
      notice: { kind: "ok", text: t("admin.orders.ship.done", { carrier, trackingNo }) },
    });
  })

  .post("/:id/fulfil", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const orderId = orderIdOf(c);
    const order = await detailView(c.var.db, orderId);
    if (!order) throw new AppError("ORDER_NOT_FOUND");
    // the console's 标记已发放 is for services only (a shipped parcel is completed by its member)
    if (order.itemType !== "virtual")
      return answerDetail(c, orderId, { notice: refusal("NOT_FINISHABLE", t("admin.orders.fulfil.onlyVirtual")) }, 409);
    const now = Date.now();
    const r = await finishOrder(c.var.db, {
      orderId,
      now,
      alongside: [fulfilAudit(c.var.db, { actor: c.var.admin.email, orderId, now })],
    });
    if (!r.ok)
      return answerDetail(
        c,
        orderId,
        { notice: refusal(r.code, orderRefusalText(r)) },
        r.code === "ORDER_NOT_FOUND" ? 404 : 409,
      );
    return answerDetail(c, orderId, { notice: { kind: "ok", text: t("admin.orders.fulfil.done") } });
  })

  .post("/:id/cancel", async (c) => {
    const form = await c.req.parseBody();
    await requireCsrf(c, form[CSRF_FIELD]);
    const orderId = orderIdOf(c);
    const raw = str(form.reason);
    const parsed = CancelFields.safeParse({ reason: raw });
    if (!parsed.success)
      return answerDetail(c, orderId, { cancel: { reason: raw, error: firstIssue(parsed.error) } }, 422);
    const { reason } = parsed.data;
    const now = Date.now();
    const r = await cancelOrder(c.env, c.var.db, { orderId, by: "merchant", reason, now });
    if (!r.ok) {
      if (r.code === "ORDER_NOT_FOUND") throw new AppError("ORDER_NOT_FOUND");
      return answerDetail(c, orderId, { notice: refusal(r.code, orderRefusalText(r)) }, 409);
    }
    await cancelAudit(c.var.db, {
      actor: c.var.admin.email,
      orderId,
      reason,
      refunded: r.refunded,
      qty: r.order.qty,
      cancelledAt: r.order.updatedAt,
      now,
    });
    return answerDetail(c, orderId, {
      notice: { kind: "ok", text: t("admin.orders.cancel.done", { points: r.refunded, qty: r.order.qty }) },
    });
  });
