// A member's 我的订单 pages (worker/shop/orders.tsx: the first page and each `cursor` page) kept per isolate
// for ORDERS_PAGE_MEMO_MS under (Db, uid, cursor) — issue 13: a member paging or reloading their orders
// within the TTL reads no Turso for them (the wallet is still asked for the header every time).
//
// Staleness bound: every write in the Worker that changes a member's orders forgets that member's pages in
// its own isolate once the write has landed (forgetMemberOrders: redeem's recordOrder, cancel, receive/finish,
// ship, batch ship, payment applied/closed/refunded; the objects' outboxes — wallet, stock, 拼团, Duiba — in
// the isolate that drains them), so the member's own action shows at once in the isolate that served it.
// A page read in another isolate, or one an object's outbox changed from elsewhere, may be up to
// ORDERS_PAGE_MEMO_MS old — the same lag as a guest's cached item page (GUEST_ITEM_TTL_S, 3 s), and Turso's orders
// are a read model that may already lag the objects by a moment (docs/architecture.md §2). Pages are counted
// from the moment their read started, and a read that overlapped any forget in this isolate is not kept
// (it may predate the write). The order detail page and every write path read Turso themselves.
// Plain settled values only (workerd ties a promise's I/O to the request that made it).
import type { Db } from "../../db/client";
import type { OrderPage } from "./list-orders";

export const ORDERS_PAGE_MEMO_MS = 3_000;
/** Members kept per Db, and pages kept per member (a bound on memory, not a target). */
const MAX_MEMBERS = 500;
const MAX_PAGES = 20;

type Entry = { page: OrderPage; until: number };
const memo = new Map<Db, Map<string, Map<string, Entry>>>();
/** Bumped by every forget: a read that started before one is not kept. */
let forgets = 0;

const pageKey = (cursor: string | undefined) => cursor ?? "";

export function keptOrdersPage(db: Db, uid: string, cursor: string | undefined, now: number): OrderPage | null {
  const e = memo.get(db)?.get(uid)?.get(pageKey(cursor));
  return e && e.until > now ? e.page : null;
}

/** Taken just before a read; hand it to keepOrdersPage. */
export function ordersReadMark(now: number): { forgets: number; startedAt: number } {
  return { forgets, startedAt: now };
}

export function keepOrdersPage(
  db: Db,
  uid: string,
  cursor: string | undefined,
  page: OrderPage,
  mark: { forgets: number; startedAt: number },
): void {
  if (mark.forgets !== forgets) return;
  const until = mark.startedAt + ORDERS_PAGE_MEMO_MS;
  let members = memo.get(db);
  if (!members) memo.set(db, (members = new Map()));
  let pages = members.get(uid);
  if (!pages) {
    if (members.size >= MAX_MEMBERS) {
      for (const [u, ps] of members) {
        for (const [k, e] of ps) if (e.until <= mark.startedAt) ps.delete(k);
        if (ps.size === 0) members.delete(u);
      }
      if (members.size >= MAX_MEMBERS) members.clear();
    }
    members.set(uid, (pages = new Map()));
  }
  if (pages.size >= MAX_PAGES) pages.clear();
  pages.set(pageKey(cursor), { page, until });
}

/** A write changed (or may have changed) this member's orders: drop their pages in this isolate. */
export function forgetMemberOrders(uid: string): void {
  forgets++;
  for (const members of memo.values()) members.delete(uid);
}

/** A write changed orders of members not known here (a batch): drop every kept page in this isolate. */
export function forgetAllOrders(): void {
  forgets++;
  memo.clear();
}
