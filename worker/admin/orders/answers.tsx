// What the order routes answer with: a page of the filtered list (or the filter's error), one order as it
// stands (the OrderDetail fragment for htmx, else the whole page) with what just happened, and the
// 批量发货 page.
import type { Context } from "hono";
import { AdminBatchShipPage, type AdminBatchShipPageProps } from "../../../views/admin/orders/batch-ship-page";
import { OrderDetail } from "../../../views/admin/orders/order-detail";
import { AdminOrderDetailPage } from "../../../views/admin/orders/order-detail-page";
import type { CancelFormState, OrderNotice, ShipFormState } from "../../../views/admin/orders/order-detail";
import { t } from "../../../views/i18n";
import type { AppEnv } from "../../app-env";
import { AppError } from "../../errors";
import { BadCursorError, listOrders } from "../../orders";
import { fragmentResponse, pageResponse } from "../../render";
import { isHtmx } from "../../request-kind";
import { loadSettings } from "../../settings/load-settings";
import { meView } from "../context";
import { MAX_BATCH_ROWS } from "./batch-ship";
import { filterView, firstIssue, listQuery, OrderFilterQuery } from "./filters";
import { detailView, rowViews } from "./order-views";
import { OrderIdPattern } from "./ship-fields";

export const PAGE_SIZE = 20;

/** A form field's text ("" when absent or a file). */
export const str = (v: unknown) => (typeof v === "string" ? v : "");

/** A page of the filtered list, or the message of a bad filter / cursor. */
export async function listPage(c: Context<AppEnv>, timeZone: string) {
  const parsed = OrderFilterQuery.safeParse(c.req.query());
  if (!parsed.success) return { ok: false as const, message: firstIssue(parsed.error) };
  const q = parsed.data;
  try {
    const page = await listOrders(c.var.db, listQuery(q, timeZone, PAGE_SIZE, q.cursor || undefined));
    return {
      ok: true as const,
      filter: filterView(q),
      cursor: q.cursor,
      orders: await rowViews(c.var.db, page.orders),
      nextCursor: page.nextCursor,
    };
  } catch (err) {
    if (err instanceof BadCursorError) return { ok: false as const, message: t("admin.orders.badCursor") };
    throw err;
  }
}

/** The :id of the path (404 for anything that cannot be an order number). */
export function orderIdOf(c: Context<AppEnv>): string {
  const id = c.req.param("id") ?? "";
  if (!OrderIdPattern.test(id)) throw new AppError("ORDER_NOT_FOUND");
  return id;
}

export type DetailExtras = { notice?: OrderNotice; ship?: ShipFormState; cancel?: CancelFormState };

export async function answerDetail(c: Context<AppEnv>, id: string, extras: DetailExtras = {}, status = 200) {
  const [settings, order, me] = await Promise.all([loadSettings(c.var.db), detailView(c.var.db, id), meView(c)]);
  if (!order) throw new AppError("ORDER_NOT_FOUND");
  if (isHtmx(c.req.raw))
    return fragmentResponse(
      <OrderDetail
        order={order}
        csrf={me.csrf}
        timeZone={settings.timeZone}
        canRefund={c.var.admin.role === "owner"}
        {...extras}
      />,
      status,
    );
  return pageResponse(
    <AdminOrderDetailPage
      brandColor={settings.mall.brandColor}
      me={me}
      order={order}
      timeZone={settings.timeZone}
      canRefund={c.var.admin.role === "owner"}
      {...extras}
    />,
    settings.mall.brandColor,
    status,
  );
}

export const refusal = (code: string, text: string): OrderNotice => ({ kind: "error", code, text });

export async function batchPage(
  c: Context<AppEnv>,
  props: Pick<AdminBatchShipPageProps, "text" | "error" | "results">,
  status = 200,
) {
  const [settings, me] = await Promise.all([loadSettings(c.var.db), meView(c)]);
  return pageResponse(
    <AdminBatchShipPage brandColor={settings.mall.brandColor} me={me} maxRows={MAX_BATCH_ROWS} {...props} />,
    settings.mall.brandColor,
    status,
  );
}
