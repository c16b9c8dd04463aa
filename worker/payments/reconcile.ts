// Reconciliation of one day (China time, the provider's bill day): the mall's payments paid that day against the
// provider's trade bill. The CSV lists only the differences, one line each:
//   MISSING_IN_MALL      the provider took money the mall does not count as paid
//   MISSING_AT_PROVIDER  the mall counts money the provider's bill does not have
//   AMOUNT_DIFFERS       both have it, for other amounts (fen)
//   REFUND_NOT_IN_MALL   the provider refunded an order the mall has not refunded
import { and, gte, lt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { payments } from "../../db/schema";
import type { BillRecord } from "./provider";

export type MallPayment = { orderId: string; state: string; amountFen: number; reportedFen: number | null };
export type Difference = {
  orderId: string;
  kind: "MISSING_IN_MALL" | "MISSING_AT_PROVIDER" | "AMOUNT_DIFFERS" | "REFUND_NOT_IN_MALL";
  mallFen: number | null;
  providerFen: number | null;
  mallState: string;
  providerState: string;
};

const PAID = new Set(["paid", "flagged", "refunding", "refunded"]);

/** [start, end) of a China-time day in epoch ms. */
export function cstDay(date: string): [number, number] {
  const start = Date.parse(`${date}T00:00:00+08:00`);
  return [start, start + 86_400_000];
}

export async function mallPaymentsOf(db: Db, date: string): Promise<MallPayment[]> {
  const [from, to] = cstDay(date);
  return db
    .select({
      orderId: payments.orderId,
      state: payments.state,
      amountFen: payments.amountFen,
      reportedFen: payments.reportedFen,
    })
    .from(payments)
    .where(and(gte(payments.paidAt, from), lt(payments.paidAt, to)));
}

export function reconcile(mall: MallPayment[], bill: BillRecord[], allMall: Map<string, MallPayment>): Difference[] {
  const out: Difference[] = [];
  const paidAtProvider = new Map(bill.filter((r) => r.state === "SUCCESS").map((r) => [r.orderId, r]));
  for (const m of mall) {
    if (!PAID.has(m.state)) continue;
    const r = paidAtProvider.get(m.orderId);
    const fen = m.reportedFen ?? m.amountFen;
    if (!r)
      out.push({
        orderId: m.orderId,
        kind: "MISSING_AT_PROVIDER",
        mallFen: fen,
        providerFen: null,
        mallState: m.state,
        providerState: "",
      });
    else if (r.amountFen !== m.amountFen)
      out.push({
        orderId: m.orderId,
        kind: "AMOUNT_DIFFERS",
        mallFen: m.amountFen,
        providerFen: r.amountFen,
        mallState: m.state,
        providerState: r.state,
      });
  }
  for (const r of paidAtProvider.values()) {
    const m = allMall.get(r.orderId);
    if (!m || !PAID.has(m.state))
      out.push({
        orderId: r.orderId,
        kind: "MISSING_IN_MALL",
        mallFen: m?.amountFen ?? null,
        providerFen: r.amountFen,
        mallState: m?.state ?? "",
        providerState: r.state,
      });
  }
  for (const r of bill.filter((x) => x.state === "REFUND")) {
    const m = allMall.get(r.orderId);
    if (m?.state !== "refunded" && m?.state !== "refunding")
      out.push({
        orderId: r.orderId,
        kind: "REFUND_NOT_IN_MALL",
        mallFen: m?.amountFen ?? null,
        providerFen: r.refundFen,
        mallState: m?.state ?? "",
        providerState: r.state,
      });
  }
  return out;
}

const cell = (v: string | number | null) => {
  const s = v === null ? "" : String(v);
  return /[",\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function differencesCsv(rows: Difference[]): string {
  const head = "order_id,difference,mall_fen,provider_fen,mall_state,provider_state";
  return (
    [
      head,
      ...rows.map((d) =>
        [d.orderId, d.kind, d.mallFen, d.providerFen, d.mallState, d.providerState].map(cell).join(","),
      ),
    ].join("\n") + "\n"
  );
}
