// The console's order filters: status, item, member and a date range in the merchant's time zone (from/to
// are inclusive local dates), validated at the edge and turned into a listOrders query.
import { z } from "zod";
import { text } from "../../text-rule";
import type { AdminOrderFilter } from "../../../views/admin/orders/types";
import { t, lazy } from "../../../views/i18n";
import type { ListOrdersQuery } from "../../orders";
import { ORDER_STATUSES, type OrderStatus } from "../../../domain";
import { addDays, startOfLocalDay } from "../../wallet/local-time";

const isDate = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};
const LocalDate = (message: { error: () => string }) =>
  z
    .string()
    .trim()
    .refine((s) => s === "" || isDate(s), message)
    .default("");

export const OrderFilterQuery = z
  .object({
    status: z
      .union([z.enum(ORDER_STATUSES), z.literal("")], { error: () => t("admin.orders.filter.bad.status") })
      .default(""),
    itemId: z
      .string()
      .trim()
      .regex(/^([1-9][0-9]{0,9})?$/, { error: lazy("admin.orders.filter.bad.itemId") })
      .default(""),
    uid: text({
      max: 100,
      min: 0,
      messages: { tooLong: lazy("admin.orders.filter.bad.uid"), invalid: lazy("admin.orders.filter.bad.uid") },
    }).default(""),
    from: LocalDate({ error: lazy("admin.orders.filter.bad.from") }),
    to: LocalDate({ error: lazy("admin.orders.filter.bad.to") }),
    cursor: z.string().max(300).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: lazy("admin.orders.filter.bad.range"), path: ["to"] });

export type OrderFilterInput = z.infer<typeof OrderFilterQuery>;

/** The filter as the form shows it back. */
export function filterView(q: OrderFilterInput): AdminOrderFilter {
  return { status: q.status, itemId: q.itemId, uid: q.uid, from: q.from, to: q.to };
}

/** The form's values as typed (for showing an invalid filter back). */
export function rawFilter(query: Record<string, string>): AdminOrderFilter {
  const s = (k: string) => (query[k] ?? "").slice(0, 100);
  return { status: s("status"), itemId: s("itemId"), uid: s("uid"), from: s("from"), to: s("to") };
}

/** What a filter selects as listOrders takes it (dates → instants in the merchant's time zone; `to` is
 *  inclusive, so the range ends at the start of the next local day). */
export function orderFilter(q: OrderFilterInput, timeZone: string): Omit<ListOrdersQuery, "limit" | "cursor"> {
  return {
    status: q.status ? (q.status as OrderStatus) : undefined,
    itemId: q.itemId ? Number(q.itemId) : undefined,
    uid: q.uid || undefined,
    since: q.from ? startOfLocalDay(q.from, timeZone) : undefined,
    until: q.to ? startOfLocalDay(addDays(q.to, 1), timeZone) : undefined,
  };
}

/** One page's listOrders query. */
export const listQuery = (q: OrderFilterInput, timeZone: string, limit: number, cursor?: string): ListOrdersQuery => ({
  ...orderFilter(q, timeZone),
  limit,
  cursor,
});

/** The first issue's message. */
export const firstIssue = (e: z.ZodError) => e.issues[0]?.message ?? "invalid";
