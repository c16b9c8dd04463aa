// 交易账单 (trade bill) in WeChat Pay's CSV format, as the official SDKs' fixture shows it
// (wechatpay-apiv3/wechatpay-php tests/fixtures/bill.ALL.csv, identical in TheNorthMemory/wechatpay-axios-plugin):
// UTF-8 with BOM, a header line, one line per record with every field prefixed by a backtick, then the
// summary header and the summary line. Amounts in yuan. One line per payment (交易状态 SUCCESS, on the day
// it was paid) and one per refund (交易状态 REFUND, on the day it succeeded), days in China time.
// Chosen: a day with no records still gets a file (header and a zero summary); the fake serves any past
// or current day, where WeChat Pay publishes a day's bill after 10:00 the next day.
import type { Order, RefundRec } from "./orders";
import { cst, cstDate } from "./keys";

export const BILL_HEADER =
  "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
export const BILL_SUMMARY_HEADER =
  "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

const RATE = 0.006; // 0.60%
const yuan = (fen: number) => (fen / 100).toFixed(2);
const fee = (fen: number) => ((fen * RATE) / 100).toFixed(5);
const when = (ms: number) => cst(ms).slice(0, 19).replace("T", " ");
const line = (cells: string[]) => cells.map((c) => "`" + c).join(",");

export function tradeBill(
  orders: Iterable<Order>,
  refunds: Iterable<RefundRec>,
  date: string,
  type: "ALL" | "SUCCESS" | "REFUND",
): string {
  const rows: {
    at: number;
    cells: string[];
    settle: number;
    refund: number;
    fee: number;
    total: number;
    applied: number;
  }[] = [];
  const byNo = new Map<string, Order>();
  for (const o of orders) {
    byNo.set(o.out_trade_no, o);
    if (type === "REFUND" || !o.success_time || cstDate(o.success_time) !== date) continue;
    const total = o.reportedTotal ?? o.total;
    rows.push({
      at: o.success_time,
      settle: total,
      refund: 0,
      fee: total * RATE,
      total,
      applied: 0,
      cells: [
        when(o.success_time),
        o.appid,
        o.mchid,
        "0",
        "",
        o.transaction_id!,
        o.out_trade_no,
        o.payerOpenid ?? "",
        o.kind,
        "SUCCESS",
        "OTHERS",
        "CNY",
        yuan(total),
        "0.00",
        "0",
        "0",
        "0.00",
        "0.00",
        "",
        "",
        o.description,
        o.attach ?? "",
        fee(total),
        "0.60%",
        yuan(total),
        "0.00",
        "",
      ],
    });
  }
  for (const r of refunds) {
    const o = byNo.get(r.out_trade_no);
    if (type === "SUCCESS" || !o || r.status !== "SUCCESS" || !r.success_time || cstDate(r.success_time) !== date)
      continue;
    rows.push({
      at: r.success_time,
      settle: 0,
      refund: r.refund,
      fee: -r.refund * RATE,
      total: 0,
      applied: r.refund,
      cells: [
        when(r.success_time),
        o.appid,
        o.mchid,
        "0",
        "",
        o.transaction_id!,
        o.out_trade_no,
        o.payerOpenid ?? "",
        o.kind,
        "REFUND",
        "OTHERS",
        "CNY",
        "0.00",
        "0.00",
        r.refund_id,
        r.out_refund_no,
        yuan(r.refund),
        "0.00",
        "ORIGINAL",
        "SUCCESS",
        o.description,
        o.attach ?? "",
        fee(-r.refund),
        "0.60%",
        "0.00",
        yuan(r.refund),
        "",
      ],
    });
  }
  rows.sort((a, b) => a.at - b.at);
  const sum = (k: "settle" | "refund" | "fee" | "total" | "applied") => rows.reduce((s, r) => s + r[k], 0);
  const summary = [
    String(rows.length),
    yuan(sum("settle")),
    yuan(sum("refund")),
    "0.00",
    (sum("fee") / 100).toFixed(5),
    yuan(sum("total")),
    yuan(sum("applied")),
  ];
  return (
    "\uFEFF" +
    [BILL_HEADER, ...rows.map((r) => line(r.cells)), BILL_SUMMARY_HEADER, line(summary)].join("\r\n") +
    "\r\n"
  );
}
