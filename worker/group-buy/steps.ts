// The group's synchronous steps over ctx.storage.sql. Each runs inside one transactionSync (the object wraps
// them): read, check, write, with no await in between, so two joins can never both take the last seat. Each
// step checks the seat's current state first, so the request that made a join, a double tap of it and the
// alarm may drive the same seat at once: a step already taken by one of them is a no-op for the others.
import type { DeliveryAddress, Order } from "../../domain";
import { num, row, rows } from "../objects/sql";
import type { WalletRules } from "../wallet/types";
import type {
  GroupDefinition,
  GroupState,
  GroupView,
  JoinErrorCode,
  SeatRefundCode,
  SeatState,
  SeatView,
} from "./types";

export type SeatRow = {
  seq: number;
  key: string;
  uid: string;
  state: SeatState;
  points: number;
  address: string | null;
  order_id: string | null;
  order_json: string | null;
  code: string | null;
  joined_at: number;
  updated_at: number;
};

type GroupRow = {
  def: string;
  state: GroupState;
  rules: string;
  rev: number;
  completed_at: number | null;
  updated_at: number;
};

/** Seats that count against the size: every seat not RELEASED. */
const TAKEN = "state <> 'RELEASED'";

export function groupRow(sql: SqlStorage): GroupRow | undefined {
  return row<GroupRow>(sql, "select * from grp where id = 1");
}

export function definition(sql: SqlStorage): GroupDefinition | null {
  const g = groupRow(sql);
  return g ? (JSON.parse(g.def) as GroupDefinition) : null;
}

export function rulesOf(sql: SqlStorage): WalletRules | null {
  const g = groupRow(sql);
  return g ? (JSON.parse(g.rules) as WalletRules) : null;
}

export function seatRow(sql: SqlStorage, key: string): SeatRow | undefined {
  return row<SeatRow>(sql, "select * from seats where key = ?", key);
}

export function addressOf(s: SeatRow): DeliveryAddress | null {
  return s.address ? (JSON.parse(s.address) as DeliveryAddress) : null;
}

export function seatView(s: SeatRow): SeatView {
  return {
    seq: s.seq,
    key: s.key,
    uid: s.uid,
    state: s.state,
    points: s.points,
    orderId: s.order_id,
    code: (s.code as SeatView["code"]) ?? null,
    joinedAt: s.joined_at,
    updatedAt: s.updated_at,
  };
}

export function view(sql: SqlStorage): GroupView | null {
  const g = groupRow(sql);
  if (!g) return null;
  const def = JSON.parse(g.def) as GroupDefinition;
  const seats = rows<SeatRow>(sql, "select * from seats order by seq").map(seatView);
  const taken = num(sql, `select count(*) as n from seats where ${TAKEN}`);
  return {
    ...def,
    state: g.state,
    taken,
    seatsLeft: g.state === "OPEN" ? Math.max(0, def.size - taken) : 0,
    seats,
    completedAt: g.completed_at,
  };
}

/** Every change bumps the group's rev: the outbox sends the group and its seats when rev is past Turso's. */
function touch(sql: SqlStorage, now: number): void {
  sql.exec("update grp set rev = rev + 1, updated_at = ? where id = 1", now);
}

/** Opens the group with its definition (a no-op when it exists). */
export function open(sql: SqlStorage, def: GroupDefinition, rules: WalletRules, now: number): void {
  sql.exec(
    "insert into grp (id, def, state, rules, rev, updated_at) values (1, ?, 'OPEN', ?, 1, ?) on conflict(id) do nothing",
    JSON.stringify(def),
    JSON.stringify(rules),
    now,
  );
}

export type Begin = { kind: "seat"; seat: SeatRow; created: boolean } | { kind: "refused"; code: JoinErrorCode };

/** Step 1: the key's seat if it exists (the same member's only), else the group's state, its deadline, the
 *  member's other seat and the seats left, and the seat taken (HOLDING). */
export function begin(
  sql: SqlStorage,
  i: { uid: string; key: string; now: number; rules: WalletRules; address: DeliveryAddress | null },
): Begin {
  const g = groupRow(sql);
  if (!g) return { kind: "refused", code: "GROUP_NOT_FOUND" };
  const seen = seatRow(sql, i.key);
  if (seen) return seen.uid === i.uid ? { kind: "seat", seat: seen, created: false } : refused("KEY_REUSED");
  const def = JSON.parse(g.def) as GroupDefinition;
  if (g.state !== "OPEN" || i.now >= def.deadline) return refused("GROUP_CLOSED");
  if (num(sql, `select count(*) as n from seats where uid = ? and ${TAKEN}`, i.uid) > 0)
    return refused("GROUP_ALREADY_JOINED");
  if (num(sql, `select count(*) as n from seats where ${TAKEN}`) >= def.size) return refused("GROUP_FULL");
  sql.exec(
    `insert into seats (key, uid, state, points, address, joined_at, updated_at) values (?, ?, 'HOLDING', ?, ?, ?, ?)`,
    i.key,
    i.uid,
    def.price,
    i.address ? JSON.stringify(i.address) : null,
    i.now,
    i.now,
  );
  // The rules the alarm acts with are the latest join's.
  sql.exec("update grp set rules = ? where id = 1", JSON.stringify(i.rules));
  touch(sql, i.now);
  return { kind: "seat", seat: seatRow(sql, i.key)!, created: true };
}

const refused = (code: JoinErrorCode): Begin => ({ kind: "refused", code });

function move(sql: SqlStorage, key: string, from: SeatState[], set: string, now: number, ...b: SqlStorageValue[]) {
  const s = seatRow(sql, key)!;
  if (!from.includes(s.state)) return s;
  sql.exec(`update seats set ${set}, updated_at = ? where key = ?`, ...b, now, key);
  touch(sql, now);
  return seatRow(sql, key)!;
}

/** Step 2: the points are spent. A group that failed meanwhile gives them back; the last seat paid fills it. */
export function paid(sql: SqlStorage, key: string, now: number): SeatRow {
  const g = groupRow(sql)!;
  if (g.state === "FAILING" || g.state === "FAILED") {
    if (g.state === "FAILED") sql.exec("update grp set state = 'FAILING' where id = 1");
    return move(sql, key, ["HOLDING"], "state = 'REFUNDING', code = 'GROUP_EXPIRED'", now);
  }
  const s = move(sql, key, ["HOLDING"], "state = 'PAID'", now);
  const def = JSON.parse(g.def) as GroupDefinition;
  if (g.state === "OPEN" && num(sql, "select count(*) as n from seats where state = 'PAID'") >= def.size) {
    sql.exec("update grp set state = 'FILLED' where id = 1");
    touch(sql, now);
  }
  return s;
}

/** Step 2, refused: nothing was spent; the seat is free again. */
export function released(sql: SqlStorage, key: string, code: JoinErrorCode | "ABORTED", now: number): SeatRow {
  const s = move(sql, key, ["HOLDING"], "state = 'RELEASED', code = ?", now, code);
  settle(sql, now);
  return s;
}

/** Step 3 (the group filled): the member's order is placed. */
export function ordered(sql: SqlStorage, key: string, order: Order, now: number): SeatRow {
  const s = move(
    sql,
    key,
    ["PAID"],
    "state = 'ORDERED', order_id = ?, order_json = ?",
    now,
    order.id,
    JSON.stringify(order),
  );
  settle(sql, now);
  return s;
}

/** Step 3, refused (the stock cannot serve this member): the points are to go back. */
export function unserved(sql: SqlStorage, key: string, code: SeatRefundCode, now: number): SeatRow {
  return move(sql, key, ["PAID"], "state = 'REFUNDING', code = ?", now, code);
}

export function refunded(sql: SqlStorage, key: string, now: number): SeatRow {
  const s = move(sql, key, ["REFUNDING"], "state = 'REFUNDED'", now);
  settle(sql, now);
  return s;
}

/** The deadline passed unfilled: the group fails; every paid seat is to be refunded (a seat still paying is
 *  refunded once its spend is known: paid() sees the group FAILING). */
export function expire(sql: SqlStorage, now: number): boolean {
  const g = groupRow(sql);
  if (!g || g.state !== "OPEN") return false;
  const def = JSON.parse(g.def) as GroupDefinition;
  if (now < def.deadline) return false;
  sql.exec("update grp set state = 'FAILING' where id = 1");
  sql.exec("update seats set state = 'REFUNDING', code = 'GROUP_EXPIRED', updated_at = ? where state = 'PAID'", now);
  touch(sql, now);
  settle(sql, now);
  return true;
}

/** A filled group with every seat final is COMPLETED; a failing one, FAILED. */
function settle(sql: SqlStorage, now: number): void {
  const g = groupRow(sql)!;
  if (g.state !== "FILLED" && g.state !== "FAILING") return;
  if (num(sql, "select count(*) as n from seats where state in ('HOLDING', 'PAID', 'REFUNDING')") > 0) return;
  sql.exec(
    "update grp set state = ?, completed_at = ? where id = 1",
    g.state === "FILLED" ? "COMPLETED" : "FAILED",
    now,
  );
  touch(sql, now);
}

/** Seats not final, oldest first (updated at or before `before`). */
export function openSeats(sql: SqlStorage, before: number): SeatRow[] {
  return rows<SeatRow>(
    sql,
    "select * from seats where state in ('HOLDING', 'PAID', 'REFUNDING') and updated_at <= ? order by seq",
    before,
  );
}
