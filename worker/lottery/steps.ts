// The lottery's synchronous steps over ctx.storage.sql. Each runs inside one transactionSync (the object wraps
// them): read, check, write, with no await in between, so two draws can never both take the last unit or
// the member's last draw of the day. Each step checks the draw's current state first, so the request that
// made a draw, a double tap of it and the alarm may drive the same draw at once: a step already taken by one
// of them is a no-op for the others.
import { tierAllowed } from "../objects/tiers";
import { localDate } from "../wallet/local-time";
import { type Candidate, oddsOf, pickPrize } from "./pick";
import type {
  DrawErrorCode,
  DrawState,
  DrawView,
  LotteryConfig,
  PrizeStock,
  PrizeView,
  RefundCode,
  Versioned,
} from "./types";

type DrawRow = {
  seq: number;
  key: string;
  uid: string;
  day: string;
  cost: number;
  free: number;
  state: string;
  prize: string | null;
  prize_kind: string | null;
  order_id: string | null;
  code: string | null;
  address: string | null;
  duiba: string | null;
  created_at: number;
  updated_at: number;
};

const COUNTED = "state not in ('REFUSED', 'REFUNDED')";

function one<T extends Record<string, SqlStorageValue>>(sql: SqlStorage, q: string, ...b: SqlStorageValue[]) {
  return sql.exec<T>(q, ...b).toArray()[0];
}
function count(sql: SqlStorage, q: string, ...b: SqlStorageValue[]): number {
  return Number(one<{ n: number }>(sql, q, ...b)?.n ?? 0);
}

export function viewOf(r: DrawRow): DrawView {
  return {
    key: r.key,
    seq: r.seq,
    uid: r.uid,
    state: r.state as DrawState,
    cost: r.cost,
    free: r.free === 1,
    day: r.day,
    prize: r.prize ? (JSON.parse(r.prize) as PrizeView) : null,
    orderId: r.order_id,
    code: (r.code as DrawErrorCode | RefundCode | null) ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function drawRow(sql: SqlStorage, key: string): DrawRow | undefined {
  return one<DrawRow>(sql, "select * from draws where key = ?", key);
}

export function addressOf(r: DrawRow) {
  return r.address ? JSON.parse(r.address) : null;
}

// ---- the definition ------------------------------------------------------------------------------------------

export function storedConfig(sql: SqlStorage): Versioned | null {
  const r = one<{ version: number; json: string }>(sql, "select version, json from config where id = 1");
  return r ? { version: r.version, config: JSON.parse(r.json) as LotteryConfig } : null;
}

/** Adopts `v` when newer than the stored one; answers the definition in force. */
export function adopt(sql: SqlStorage, v: Versioned): Versioned {
  const cur = storedConfig(sql);
  if (cur && cur.version >= v.version) return cur;
  sql.exec(
    "insert into config (id, version, json) values (1, ?, ?) on conflict(id) do update set version = excluded.version, json = excluded.json",
    v.version,
    JSON.stringify(v.config),
  );
  return v;
}

export function candidates(sql: SqlStorage, config: LotteryConfig): Candidate[] {
  const awards = new Map(
    sql
      .exec<{ prize_id: string; awarded: number; blocked: number }>("select prize_id, awarded, blocked from awards")
      .toArray()
      .map((a) => [a.prize_id, a]),
  );
  return config.prizes.map((prize) => {
    const a = awards.get(prize.id);
    const awarded = a?.awarded ?? 0;
    const left = a?.blocked ? 0 : prize.stock === null ? null : Math.max(0, prize.stock - awarded);
    return { prize, left };
  });
}

export function prizeStock(sql: SqlStorage, config: LotteryConfig): PrizeStock[] {
  const cands = candidates(sql, config);
  const odds = oddsOf(cands);
  return cands.map(({ prize, left }) => ({
    ...prizeView(prize),
    weight: prize.weight,
    stock: prize.stock,
    awarded: count(sql, "select awarded as n from awards where prize_id = ?", prize.id),
    left,
    odds: odds.get(prize.id) ?? 0,
  }));
}

const prizeView = (p: LotteryConfig["prizes"][number]): PrizeView => ({
  id: p.id,
  name: p.name,
  kind: p.kind,
  points: p.points,
  itemId: p.itemId,
});

// ---- the member's counts -------------------------------------------------------------------------------------

export function memberCounts(sql: SqlStorage, uid: string, day: string) {
  return {
    today: count(sql, `select count(*) as n from draws where uid = ? and day = ? and ${COUNTED}`, uid, day),
    total: count(sql, `select count(*) as n from draws where uid = ? and ${COUNTED}`, uid),
  };
}

export function dayOf(now: number, timeZone: string): string {
  return localDate(now, timeZone);
}

// ---- the steps -------------------------------------------------------------------------------------------------

export type Begin = { kind: "draw"; row: DrawRow; created: boolean } | { kind: "refused"; code: DrawErrorCode };

/** Step 1: the key's draw if it exists (the same member's only), else the window and the member's limits,
 *  then the draw row (PAYING) that takes the member's slot — the cost is 0 for the day's free draws. */
export function begin(
  sql: SqlStorage,
  input: {
    uid: string;
    key: string;
    now: number;
    timeZone: string;
    config: LotteryConfig;
    address: unknown;
    /** The member's tier key (from their wallet), checked against config.tiers. */
    tier: string | null;
    /** Duiba mode: the merchant's config (JSON), kept with a draw that costs points — the merchant takes them. */
    duiba?: string | null;
  },
): Begin {
  const { uid, key, now, config } = input;
  const seen = drawRow(sql, key);
  if (seen)
    return seen.uid === uid ? { kind: "draw", row: seen, created: false } : { kind: "refused", code: "KEY_REUSED" };
  if (config.startsAt !== null && now < config.startsAt) return { kind: "refused", code: "LOTTERY_NOT_STARTED" };
  if (config.endsAt !== null && now >= config.endsAt) return { kind: "refused", code: "LOTTERY_ENDED" };
  if (!tierAllowed(config.tiers, input.tier)) return { kind: "refused", code: "TIER_NOT_ALLOWED" };
  const day = dayOf(now, input.timeZone);
  const counts = memberCounts(sql, uid, day);
  if (config.totalLimit !== null && counts.total >= config.totalLimit)
    return { kind: "refused", code: "DRAW_TOTAL_LIMIT" };
  if (counts.today >= config.dailyLimit) return { kind: "refused", code: "DRAW_DAILY_LIMIT" };
  const free = counts.today < config.freeDrawsPerDay;
  const cost = free ? 0 : config.costPoints;
  sql.exec(
    `insert into draws (key, uid, day, cost, free, state, address, duiba, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'PAYING', ?, ?, ?, ?)`,
    key,
    uid,
    day,
    cost,
    free ? 1 : 0,
    input.address ? JSON.stringify(input.address) : null,
    cost > 0 ? (input.duiba ?? null) : null,
    now,
    now,
  );
  return { kind: "draw", row: drawRow(sql, key)!, created: true };
}

function move(sql: SqlStorage, key: string, from: DrawState, set: string, now: number, ...b: SqlStorageValue[]) {
  sql.exec(`update draws set ${set}, updated_at = ? where key = ? and state = '${from}'`, ...b, now, key);
  return drawRow(sql, key)!;
}

/** Step 2, once the cost is spent: the prize, chosen among those in stock and counted against its stock in
 *  this same step (谢谢参与 is final at once). No prize left at all: the draw is refunded. */
export function decide(sql: SqlStorage, key: string, config: LotteryConfig, now: number): DrawRow {
  const r = drawRow(sql, key)!;
  if (r.state !== "PAYING") return r;
  const prize = pickPrize(candidates(sql, config));
  if (!prize) return move(sql, key, "PAYING", "state = 'REFUNDING', code = 'PRIZES_GONE'", now);
  sql.exec(
    "insert into awards (prize_id, awarded) values (?, 1) on conflict(prize_id) do update set awarded = awarded + 1",
    prize.id,
  );
  const state = prize.kind === "none" ? "DONE" : "DECIDED";
  return move(
    sql,
    key,
    "PAYING",
    `state = '${state}', prize = ?, prize_kind = ?`,
    now,
    JSON.stringify(prizeView(prize)),
    prize.kind,
  );
}

/** The wallet refused the cost: nothing was spent, the slot is free again. */
export function refuse(sql: SqlStorage, key: string, code: DrawErrorCode, now: number): DrawRow {
  return move(sql, key, "PAYING", "state = 'REFUSED', code = ?", now, code);
}

export function delivered(sql: SqlStorage, key: string, orderId: string | null, now: number): DrawRow {
  return move(sql, key, "DECIDED", "state = 'DONE', order_id = ?", now, orderId);
}

/** The prize cannot be delivered (its item sold out, off sale, …): its unit goes back to the lottery's count
 *  (blocked, when the item itself is gone, so it is not drawn again) and the cost is to be given back. */
export function undeliverable(sql: SqlStorage, key: string, block: boolean, now: number): DrawRow {
  const r = drawRow(sql, key)!;
  if (r.state !== "DECIDED") return r;
  const prize = JSON.parse(r.prize!) as PrizeView;
  sql.exec(
    `update awards set awarded = awarded - 1${block ? ", blocked = 1" : ""} where prize_id = ? and awarded > 0`,
    prize.id,
  );
  return move(sql, key, "DECIDED", "state = 'REFUNDING', code = 'PRIZE_UNAVAILABLE'", now);
}

export function refunded(sql: SqlStorage, key: string, now: number): DrawRow {
  return move(sql, key, "REFUNDING", "state = 'REFUNDED'", now);
}

export function openDraws(sql: SqlStorage, before: number, limit: number): DrawRow[] {
  return sql
    .exec<DrawRow>(
      "select * from draws where state in ('PAYING', 'DECIDED', 'REFUNDING') and updated_at <= ? order by seq limit ?",
      before,
      limit,
    )
    .toArray();
}

/** When the least recently moved open draw last moved (null: none open). */
export function oldestOpenAt(sql: SqlStorage): number | null {
  const r = one<{ at: number | null }>(
    sql,
    "select min(updated_at) as at from draws where state in ('PAYING', 'DECIDED', 'REFUNDING')",
  );
  return r?.at ?? null;
}

export function listDraws(
  sql: SqlStorage,
  q: { limit: number; cursor?: number; uid?: string; won?: boolean },
): { draws: DrawView[]; nextCursor: number | null } {
  const where: string[] = ["seq < ?"];
  const b: SqlStorageValue[] = [q.cursor ?? Number.MAX_SAFE_INTEGER];
  if (q.uid) {
    where.push("uid = ?");
    b.push(q.uid);
  }
  if (q.won) where.push("state = 'DONE' and prize_kind <> 'none'");
  const list = sql
    .exec<DrawRow>(`select * from draws where ${where.join(" and ")} order by seq desc limit ?`, ...b, q.limit + 1)
    .toArray();
  const more = list.length > q.limit;
  const page = list.slice(0, q.limit);
  return { draws: page.map(viewOf), nextCursor: more ? page[page.length - 1]!.seq : null };
}

export function totals(sql: SqlStorage) {
  return {
    draws: count(sql, `select count(*) as n from draws where ${COUNTED}`),
    members: count(sql, `select count(distinct uid) as n from draws where ${COUNTED}`),
  };
}
