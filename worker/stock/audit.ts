// audit(): the stock object's invariants as numbers (tests, reconciliation). Writes nothing.
import { num, rows } from "../objects/sql";
import { outboxState } from "./outbox";
import { countFreeCodes, holdCodes, itemRow, reservable, snapshot, type HoldRow } from "./state";
import type { SaleRules, StockAudit } from "./types";

export function audit(sql: SqlStorage, writes: number): StockAudit {
  const item = itemRow(sql);
  const s = snapshot(sql);
  const rules = item ? (JSON.parse(item.rules) as SaleRules) : null;
  const heldByHolds = num(sql, "select sum(qty) from holds where state = 'HELD'");
  const soldByHolds = num(sql, "select sum(qty) from holds where state = 'SOLD'");
  const negativeSeen =
    num(sql, "select count(*) from item where available < 0 or held < 0 or sold < 0") > 0 ||
    num(sql, "select count(*) from holds where qty <= 0") > 0;
  const membersOverLimit =
    rules?.perMemberLimit != null
      ? num(
          sql,
          "select count(*) from (select uid from holds where state in ('HELD', 'SOLD') group by uid having sum(qty) > ?)",
          rules.perMemberLimit,
        )
      : 0;
  const codesGiven = num(sql, "select count(*) from codes where hold_key is not null");
  const couponUnitsSold =
    item?.type === "coupon"
      ? num(sql, "select sum(qty) from holds where state in ('SOLD', 'RESTOCKED') and codes is not null")
      : 0;
  // The item row's counters agree with the codes table.
  let codeMismatches =
    item &&
    (item.codes_free !== countFreeCodes(sql) ||
      item.codes_imported !== num(sql, "select count(*) from codes where source = 'imported'"))
      ? 1
      : 0;
  if (item?.type === "coupon") {
    const sales = rows<HoldRow>(sql, "select * from holds where state in ('SOLD', 'RESTOCKED') and codes is not null");
    for (const h of sales) {
      const codes = holdCodes(h);
      const owned = num(sql, "select count(*) from codes where hold_key = ?", h.key);
      if (codes.length !== h.qty || owned !== h.qty || new Set(codes).size !== codes.length) codeMismatches += 1;
      else {
        for (const c of codes)
          if (num(sql, "select count(*) from codes where code = ? and hold_key = ?", c, h.key) !== 1)
            codeMismatches += 1;
      }
    }
  }
  return {
    itemId: item?.item_id ?? null,
    initialized: item !== undefined,
    availableCount: item?.available ?? 0,
    reservable: s ? reservable(s) : 0,
    held: item?.held ?? 0,
    sold: item?.sold ?? 0,
    initialStock: item?.initial_stock ?? 0,
    adjusted: item?.adjusted ?? 0,
    heldByHolds,
    soldByHolds,
    negativeSeen,
    membersOverLimit,
    codesGiven,
    couponUnitsSold,
    codeMismatches,
    codesLeft: countFreeCodes(sql),
    version: item?.version ?? 0,
    projectedVersion: outboxState(sql).projectedVersion,
    writes,
  };
}
