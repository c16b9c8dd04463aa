// The rows of 补签 holds in Duiba mode (./makeup-hold.ts), read by the make-up checks too (a pending hold is a
// day being made up: it counts against the month's allowance and the day cannot be made up twice).
import { num, row } from "../objects/sql";

export type HoldRow = {
  local_date: string;
  attempt: number;
  cost: number;
  state: "PENDING" | "RELEASED" | "DONE";
  created_at: number;
  due_at: number | null;
};

export const holdRow = (sql: SqlStorage, date: string) =>
  row<HoldRow>(sql, "select * from makeup_holds where local_date = ?", date);

export const pendingHold = (sql: SqlStorage, date: string): HoldRow | undefined => {
  const h = holdRow(sql, date);
  return h?.state === "PENDING" ? h : undefined;
};

export function pendingHoldsInMonth(sql: SqlStorage, month: string): number {
  return num(
    sql,
    "select count(*) from makeup_holds where state = 'PENDING' and local_date >= ? and local_date <= ?",
    `${month}-01`,
    `${month}-31`,
  );
}
