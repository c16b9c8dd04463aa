import type { AdminOrderFilter } from "./types";

/** The filter as a query string (only the fields that are set), for paging, export and links. */
export function filterQuery(f: AdminOrderFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export const adminOrderHref = (id: string) => `/admin/orders/${encodeURIComponent(id)}`;
export const adminMemberHref = (uid: string) => `/admin/members/${encodeURIComponent(uid)}`;
