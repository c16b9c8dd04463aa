// 批量发货: rows `orderId,carrier,trackingNo` (header optional), all shipped through shipOrders() in a constant
// few Turso requests (a Worker on the free plan has 50 per request), each row's audit row in the same write
// batch as its update. A row already shipped with the same carrier and tracking number is ok and changes
// nothing, so uploading the same file again writes nothing more.
import type { Db } from "../../../db/client";
import type { BatchRowResult } from "../../../views/admin/orders/batch-ship-page";
import { LOCALES, t, translate } from "../../../views/i18n";
import { shipOrders, type Shipment } from "../../orders";
import { orderRefusalText } from "../../outcome-text";
import { parseCsv, type CsvRecord } from "./csv";
import { shipAudit } from "../../audit/order-audit";
import { OrderIdPattern, ShipFields } from "./ship-fields";

export const MAX_BATCH_ROWS = 500;

/** A header row: its first cell names the order number, as a field name or as the console's own header or
 *  export says it in any of its languages (a file exported in English may be uploaded by a colleague in 中文). */
const isHeader = (r: CsvRecord) => {
  const first = (r.cells[0] ?? "").trim();
  return (
    /^order_?id$/i.test(first) ||
    LOCALES.some(
      (l) => first === translate(l, "admin.orders.batch.orderId") || first === translate(l, "admin.orders.csv.id"),
    )
  );
};

/** The data rows of an upload, or why it is refused as a whole. */
export function batchRecords(text: string): { ok: true; records: CsvRecord[] } | { ok: false; message: string } {
  const all = parseCsv(text);
  const records = all.length > 0 && isHeader(all[0]!) ? all.slice(1) : all;
  if (records.length === 0) return { ok: false, message: t("admin.orders.batch.empty") };
  if (records.length > MAX_BATCH_ROWS)
    return { ok: false, message: t("admin.orders.batch.tooMany", { max: MAX_BATCH_ROWS, rows: records.length }) };
  return { ok: true, records };
}

type Checked = { row: BatchRowResult; shipment?: Shipment };

/** A row's cells checked on their own; a valid row carries the shipment to make. */
function checkRow(r: CsvRecord): Checked {
  const cells = r.cells.map((c) => c.trim());
  while (cells.length > 3 && cells.at(-1) === "") cells.pop(); // trailing commas, as spreadsheets write them
  const [orderId = "", carrier = "", trackingNo = ""] = cells;
  const base = { line: r.line, orderId, carrier, trackingNo };
  const invalid = (message: string): Checked => ({ row: { ...base, outcome: "invalid", message } });
  if (cells.length !== 3) return invalid(t("admin.orders.batch.columns", { count: cells.length }));
  if (!OrderIdPattern.test(orderId)) return invalid(t("admin.orders.batch.badOrderId"));
  const fields = ShipFields.safeParse({ carrier, trackingNo });
  if (!fields.success) return invalid(fields.error.issues[0]?.message ?? "");
  return { row: { ...base, outcome: "shipped", message: "" }, shipment: { orderId, ...fields.data } };
}

/** Ships the valid rows together through shipOrders (one read, one write batch, however many rows), each
 *  answered in file order as if shipped on its own: a later row of the same order sees the earlier one's. */
export async function batchShip(db: Db, actor: string, records: CsvRecord[]): Promise<BatchRowResult[]> {
  const checked = records.map(checkRow);
  const now = Date.now();
  const outcomes = await shipOrders(db, {
    shipments: checked.flatMap((c) => (c.shipment ? [c.shipment] : [])),
    now,
    alongside: (s) => [shipAudit(db, { actor, ...s, now })],
  });
  let next = 0;
  return checked.map(({ row, shipment }) => {
    if (!shipment) return row;
    const res = outcomes[next++]!;
    if (!res.ok)
      return {
        ...row,
        outcome: res.code === "ORDER_NOT_FOUND" ? "not_found" : "not_shippable",
        message: orderRefusalText(res),
      };
    return { ...row, outcome: res.shipped ? "shipped" : "unchanged" };
  });
}
