// Group deals in Turso (written by the Merchant API and the console) and the groups/seats the GroupBuy objects
// project there (read by the listings: the item page's open groups, my groups, the console).
import { and, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { groupDeals, groupMembers, groups, items } from "../../db/schema";
import { bumpPageVersion, pageVersionBumped } from "../page-cache/page-version";

export type DealInput = {
  itemId: number;
  groupSize: number;
  pointsPrice: number;
  fillHours: number;
  startsAt: number | null;
  endsAt: number | null;
  enabled: boolean;
  /** Tier keys whose members may open or join its groups; [] = every tier. */
  tiers: string[];
};

export type DealRow = typeof groupDeals.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;
export type GroupMemberRow = typeof groupMembers.$inferSelect;

export const DEAL_ID = /^D[0-9a-f]{12}$/;
export const GROUP_ID = /^T[0-9a-f]{12}$/;

export const MIN_GROUP_SIZE = 2;
export const MAX_GROUP_SIZE = 50;
export const MAX_FILL_HOURS = 24 * 14;

async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((x) => x.toString(16).padStart(2, "0")).join("");
}

function newDealId(): string {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return `D${[...b].map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}

/** A group's id from the key of the form that opened it: a double tap on 开团 opens one group. */
export async function groupIdOf(openKey: string): Promise<string> {
  return `T${(await sha256Hex(`group-open:${openKey}`)).slice(0, 12)}`;
}

/** Why a deal cannot be saved: the item is unknown, or the price is not below the item's. */
export type DealProblem = { code: "ITEM_UNKNOWN"; itemId: number } | { code: "PRICE_NOT_BELOW"; itemPoints: number };

export async function checkDeal(db: Db, input: DealInput): Promise<DealProblem | null> {
  const [item] = await db.select({ points: items.points }).from(items).where(eq(items.id, input.itemId)).limit(1);
  if (!item) return { code: "ITEM_UNKNOWN", itemId: input.itemId };
  if (input.pointsPrice >= item.points) return { code: "PRICE_NOT_BELOW", itemPoints: item.points };
  return null;
}

/** The deal's hash for the ref's idempotency: a deal for every tier hashes as before tiers existed. */
function dealFingerprint(input: DealInput): Promise<string> {
  const { tiers, ...rest } = input;
  return sha256Hex(JSON.stringify(tiers.length > 0 ? input : rest));
}

/** The tier keys stored as JSON ([] when unreadable). */
export function dealTiers(d: Pick<DealRow, "tiers">): string[] {
  try {
    const v = JSON.parse(d.tiers) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** The same ref with the same definition answers the same id (created false); another definition conflicts. */
export async function createDeal(
  db: Db,
  ref: string,
  input: DealInput,
  now: number,
  auditActor?: string,
): Promise<{ ok: true; id: string; created: boolean; row: DealRow } | { ok: false; code: "REF_CONFLICT" }> {
  const fp = await dealFingerprint(input);
  const id = newDealId();
  const audit = auditActor
    ? [
        db.run(
          sql`insert into audit_log (actor, action, target, before, after, at) select ${auditActor}, 'group_deal.create', 'group_deal:' || id, null, ${JSON.stringify(input)}, ${now} from group_deals where id = ${id}`,
        ),
      ]
    : [];
  const [, found] = await db.batch([
    db
      .insert(groupDeals)
      .values({
        id,
        ref,
        fingerprint: fp,
        ...input,
        tiers: JSON.stringify(input.tiers),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: groupDeals.ref }),
    db.select().from(groupDeals).where(eq(groupDeals.ref, ref)).limit(1),
    ...audit,
    bumpPageVersion(db, now), // the item page offers the deal
  ]);
  pageVersionBumped();
  const row = found[0]!;
  if (row.fingerprint !== fp) return { ok: false, code: "REF_CONFLICT" };
  return { ok: true, id: row.id, created: row.id === id, row };
}

/** A console edit. Groups already open keep the definition they opened with. */
export async function updateDeal(db: Db, row: DealRow, input: DealInput, now: number, auditActor: string) {
  await db.batch([
    db
      .update(groupDeals)
      .set({ ...input, tiers: JSON.stringify(input.tiers), fingerprint: await dealFingerprint(input), updatedAt: now })
      .where(eq(groupDeals.id, row.id)),
    db.run(
      sql`insert into audit_log (actor, action, target, before, after, at) values (${auditActor}, 'group_deal.update', ${`group_deal:${row.id}`}, ${JSON.stringify(dealInputOf(row))}, ${JSON.stringify(input)}, ${now})`,
    ),
    bumpPageVersion(db, now),
  ]);
  pageVersionBumped();
  return (await readDeal(db, row.id)) as DealRow;
}

export const dealInputOf = (r: DealRow): DealInput => ({
  itemId: r.itemId,
  groupSize: r.groupSize,
  pointsPrice: r.pointsPrice,
  fillHours: r.fillHours,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  enabled: r.enabled,
  tiers: dealTiers(r),
});

export async function readDeal(db: Db, id: string): Promise<DealRow | null> {
  if (!DEAL_ID.test(id)) return null;
  const [row] = await db.select().from(groupDeals).where(eq(groupDeals.id, id)).limit(1);
  return row ?? null;
}

export function listDeals(db: Db): Promise<DealRow[]> {
  return db.select().from(groupDeals).orderBy(desc(groupDeals.createdAt)).limit(200);
}

/** Whether members may open a group of the deal at `now`. */
export const dealLive = (d: DealRow, now: number) =>
  d.enabled && (d.startsAt === null || d.startsAt <= now) && (d.endsAt === null || d.endsAt > now);

/** The item's deals live at `now` (the item page). */
export function liveDealsQuery(db: Db, itemId: number, now: number) {
  return db
    .select()
    .from(groupDeals)
    .where(
      and(
        eq(groupDeals.itemId, itemId),
        eq(groupDeals.enabled, true),
        or(isNull(groupDeals.startsAt), lte(groupDeals.startsAt, now)),
        or(isNull(groupDeals.endsAt), gt(groupDeals.endsAt, now)),
      ),
    )
    .orderBy(desc(groupDeals.createdAt))
    .limit(3);
}

/** Open groups of these deals with seats left, soonest deadline first (the item page's 可参与的团). */
export function openGroups(db: Db, dealIds: string[], now: number): Promise<GroupRow[]> {
  if (dealIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(groups)
    .where(
      and(
        inArray(groups.dealId, dealIds),
        eq(groups.state, "open"),
        gt(groups.deadline, now),
        sql`${groups.taken} < ${groups.size}`,
      ),
    )
    .orderBy(groups.deadline)
    .limit(10);
}

/** The member's seats (not released) with their groups, newest first (我的拼团). */
export async function myGroups(db: Db, uid: string): Promise<{ seat: GroupMemberRow; group: GroupRow }[]> {
  const rowsOf = await db
    .select({ seat: groupMembers, group: groups })
    .from(groupMembers)
    .innerJoin(groups, eq(groups.id, groupMembers.groupId))
    .where(and(eq(groupMembers.uid, uid), ne(groupMembers.state, "released")))
    .orderBy(desc(groupMembers.joinedAt))
    .limit(100);
  return rowsOf;
}

/** The console: groups, newest first, optionally of one deal. */
export function listGroups(db: Db, dealId?: string): Promise<GroupRow[]> {
  return db
    .select()
    .from(groups)
    .where(dealId ? eq(groups.dealId, dealId) : undefined)
    .orderBy(desc(groups.openedAt))
    .limit(200);
}
