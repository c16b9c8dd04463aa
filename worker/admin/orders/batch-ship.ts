// 批量发货: rows `orderId,carrier,trackingNo` (header optional), each shipped on its own through shipOrder()
// with its audit row in the same batch. A row already shipped with the same carrier and tracking number is
// ok and changes nothing, so uploading the same file again writes nothing more.
import type { Db } from "../../../db/client";
import type { BatchRowResult } from "../../../views/admin/orders/types";
import { t } from "../../../views/i18n";
import { shipOrder } from "../../orders";
import { parseCsv, type CsvRecord } from "./csv";
import { shipAudit } from "./order-audit";
import { OrderIdPattern, ShipFields } from "./ship-fields";

export const MAX_BATCH_ROWS = 500;

const isHeader = (r: CsvRecord) => /^(order_?id|订单号)$/i.test((r.cells[0] ?? "").trim());

/** The data rows of an upload, or why it is refused as a whole. */
export function batchRecords(text: string): { ok: true; records: CsvRecord[] } | { ok: false; message: string } {
  const all = parseCsv(text);
  const records = all.length > 0 && isHeader(all[0]!) ? all.slice(1) : all;
  if (records.length === 0) return { ok: false, message: t("admin.orders.batch.empty") };
  if (records.length > MAX_BATCH_ROWS) return { ok: false, message: t("admin.orders.batch.tooMany", { max: MAX_BATCH_ROWS, rows: records.length }) };
  return { ok: true, records };
}

async function shipRow(db: Db, actor: string, r: CsvRecord, shippedHere: Set<string>): Promise<BatchRowResult> {
  const cells = r.cells.map((c) => c.trim());
  while (cells.length > 3 && cells.at(-1) === "") cells.pop(); // trailing commas, as spreadsheets write them
  const [orderId = "", carrier = "", trackingNo = ""] = cells;
  const base = { line: r.line, orderId, carrier, trackingNo };
  if (cells.length !== 3) return { ...base, outcome: "invalid", message: t("admin.orders.batch.columns", { count: cells.length }) };
  if (!OrderIdPattern.test(orderId)) return { ...base, outcome: "invalid", message: t("admin.orders.batch.badOrderId") };
  const fields = ShipFields.safeParse({ carrier, trackingNo });
  if (!fields.success) return { ...base, outcome: "invalid", message: fields.error.issues[0]?.message ?? "" };
  const now = Date.now();
  const res = await shipOrder(db, { orderId, ...fields.data, now, alongside: [shipAudit(db, { actor, orderId, ...fields.data, now })] });
  if (!res.ok) return { ...base, outcome: res.code === "ORDER_NOT_FOUND" ? "not_found" : "not_shippable", message: res.message };
  const mine = res.order.updatedAt === now && !shippedHere.has(orderId);
  shippedHere.add(orderId);
  return { ...base, outcome: mine ? "shipped" : "unchanged", message: "" };
}

/** Ships each row in order (one at a time: a row never races another row of the same order). */
export async function batchShip(db: Db, actor: string, records: CsvRecord[]): Promise<BatchRowResult[]> {
  const out: BatchRowResult[] = [];
  const shippedHere = new Set<string>();
  for (const r of records) out.push(await shipRow(db, actor, r, shippedHere));
  return out;
}
