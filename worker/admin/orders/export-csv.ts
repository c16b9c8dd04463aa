// 导出 CSV: every order the filter matches (paged through listOrders to the end; refused above a cap), as a
// spreadsheet-ready file: UTF-8 with a BOM, RFC 4180 quoting, formula-injection guard (./csv.ts).
import type { Db } from "../../../db/client";
import { isoDate, isoDateTime } from "../../../views/format";
import { t } from "../../../views/i18n";
import { listOrders, type ListOrdersQuery } from "../../orders";
import type { Order } from "../../../domain";
import { BOM, csvLine } from "./csv";
import { nicknames } from "./order-views";

export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 500;

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

function statusText(o: Order): string {
  return o.status === "placed" && o.itemType !== "physical"
    ? t("orders.status.placedDigital")
    : t(`orders.status.${o.status}`);
}

/** The CSV text, or null when the filter matches more than MAX_EXPORT_ROWS (never a silently cut file). */
export async function exportOrders(
  db: Db,
  query: Omit<ListOrdersQuery, "limit" | "cursor">,
  timeZone: string,
): Promise<string | null> {
  let out = BOM + csvLine(COLUMNS.map((k) => t(`admin.orders.csv.${k}`)));
  let rows = 0;
  let cursor: string | undefined;
  do {
    const page = await listOrders(db, { ...query, limit: PAGE, cursor });
    rows += page.orders.length;
    if (rows > MAX_EXPORT_ROWS) return null;
    const names = await nicknames(
      db,
      page.orders.map((o) => o.uid),
    );
    for (const o of page.orders) out += csvLine(cellsOf(o, names.get(o.uid) ?? "", timeZone));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

function cellsOf(o: Order, nickname: string, timeZone: string) {
  return [
    o.id,
    isoDateTime(o.createdAt, timeZone),
    o.uid,
    nickname,
    o.itemId,
    o.itemName,
    t(`admin.orders.type.${o.itemType}`),
    o.qty,
    o.points,
    yuan(o.cashFen),
    statusText(o),
    o.address?.recipient ?? "",
    o.address?.phone ?? "",
    o.address ? `${o.address.region} ${o.address.detail}` : "",
    o.carrier ?? "",
    o.trackingNo ?? "",
    o.couponCodes.join(" "),
    isoDateTime(o.updatedAt, timeZone),
  ];
}

const COLUMNS = [
  "id",
  "createdAt",
  "uid",
  "nickname",
  "itemId",
  "itemName",
  "itemType",
  "qty",
  "points",
  "cash",
  "status",
  "recipient",
  "phone",
  "address",
  "carrier",
  "trackingNo",
  "codes",
  "updatedAt",
] as const;

export const exportFilename = (now: number, timeZone: string) => `orders-${isoDate(now, timeZone)}.csv`;
