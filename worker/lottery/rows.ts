// Lotteries in Turso: the definition (name, kind, cost, limits, window, prizes) with its version, written by the
// Merchant API and the console and passed to the campaign's object with every call (./types.ts: Versioned).
import { and, desc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { lotteries } from "../../db/schema";
import { bumpPageVersion, pageVersionBumped } from "../page-cache/page-version";
import type { LotteryConfig, LotteryKind, PrizeConfig, PrizeKind, Versioned } from "./types";

/** What a merchant defines (the API body without its ref, the console form). Prize ids are given here. */
export type LotteryInput = {
  name: string;
  kind: LotteryKind;
  costPoints: number;
  dailyLimit: number;
  totalLimit: number | null;
  freeDrawsPerDay: number;
  startsAt: number | null;
  endsAt: number | null;
  /** Tier keys allowed to draw; [] = every tier. */
  tiers: string[];
  prizes: {
    id?: string;
    name: string;
    kind: PrizeKind;
    points: number | null;
    itemId: number | null;
    weight: number;
    stock: number | null;
  }[];
};

export type LotteryRow = typeof lotteries.$inferSelect;

export const LOTTERY_ID = /^L[0-9a-f]{12}$/;

function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(6));
  return `L${[...b].map((x) => x.toString(16).padStart(2, "0")).join("")}`;
}

/** The definition's hash, for the ref's idempotency. A lottery for every tier hashes as it did before tiers
 *  existed, so a call repeated across that change still answers its first id. */
async function fingerprint(input: LotteryInput): Promise<string> {
  const { tiers, ...rest } = input;
  const shape = tiers.length > 0 ? input : rest;
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(shape)));
  return [...new Uint8Array(d)].map((x) => x.toString(16).padStart(2, "0")).join("");
}

/** Prize ids: kept where given (an edit), else the next free p<n>. */
export function configOf(id: string, input: LotteryInput): LotteryConfig {
  const taken = new Set(input.prizes.map((p) => p.id).filter(Boolean));
  let n = 1;
  const prizes: PrizeConfig[] = input.prizes.map((p) => {
    let pid = p.id;
    if (!pid) {
      while (taken.has(`p${n}`)) n++;
      pid = `p${n}`;
      taken.add(pid);
    }
    return {
      id: pid,
      name: p.name,
      kind: p.kind,
      points: p.kind === "points" ? p.points : null,
      itemId: p.kind === "item" ? p.itemId : null,
      weight: p.weight,
      stock: p.stock,
    };
  });
  return { id, ...input, prizes };
}

export const versionedOf = (row: LotteryRow): Versioned => ({
  version: row.version,
  config: JSON.parse(row.config) as LotteryConfig,
});

/** The same ref with the same definition answers the same id (created false); another definition is a conflict. */
export async function createLottery(
  db: Db,
  ref: string,
  input: LotteryInput,
  now: number,
  /** The audit row's actor: written in the same batch, only when this call created the lottery. */
  auditActor?: string,
): Promise<{ ok: true; id: string; created: boolean; row: LotteryRow } | { ok: false; code: "REF_CONFLICT" }> {
  const fp = await fingerprint(input);
  const id = newId();
  const config = configOf(id, input);
  const audit = auditActor
    ? [
        db.run(
          sql`insert into audit_log (actor, action, target, before, after, at) select ${auditActor}, 'lottery.create', 'lottery:' || id, null, config, ${now} from lotteries where id = ${id}`,
        ),
      ]
    : [];
  const [, found] = await db.batch([
    db
      .insert(lotteries)
      .values({
        id,
        ref,
        fingerprint: fp,
        name: input.name,
        kind: input.kind,
        config: JSON.stringify(config),
        version: 1,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: lotteries.ref }),
    db.select().from(lotteries).where(eq(lotteries.ref, ref)).limit(1),
    ...audit,
    bumpPageVersion(db, now), // the home page links the live lotteries
  ]);
  pageVersionBumped();
  const row = found[0]!;
  if (row.fingerprint !== fp) return { ok: false, code: "REF_CONFLICT" };
  return { ok: true, id: row.id, created: row.id === id, row };
}

export async function readLottery(db: Db, id: string): Promise<LotteryRow | null> {
  if (!LOTTERY_ID.test(id)) return null;
  const [row] = await db.select().from(lotteries).where(eq(lotteries.id, id)).limit(1);
  return row ?? null;
}

/** A console edit: the whole definition, the version one up (the object adopts it on its next call). */
export async function updateLottery(
  db: Db,
  row: LotteryRow,
  input: LotteryInput,
  now: number,
  auditActor: string,
): Promise<LotteryRow> {
  const config = configOf(row.id, input);
  const audit = sql`insert into audit_log (actor, action, target, before, after, at) select ${auditActor}, 'lottery.update', 'lottery:' || id, ${row.config}, config, ${now} from lotteries where id = ${row.id} and version = ${row.version + 1} and updated_at = ${now}`;
  const update = db
    .update(lotteries)
    .set({
      name: input.name,
      kind: input.kind,
      config: JSON.stringify(config),
      version: row.version + 1,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      fingerprint: await fingerprint(input),
      updatedAt: now,
    })
    .where(and(eq(lotteries.id, row.id), eq(lotteries.version, row.version)));
  // A concurrent edit took the version first: this one changes nothing (and writes no audit row).
  await db.batch([update, db.run(audit), bumpPageVersion(db, now)]);
  pageVersionBumped();
  return (await readLottery(db, row.id)) as LotteryRow;
}

export function listLotteries(db: Db): Promise<LotteryRow[]> {
  return db.select().from(lotteries).orderBy(desc(lotteries.createdAt)).limit(100);
}

/** Lotteries open at `now` (for the home page's link). */
export function liveLotteriesQuery(db: Db, now: number) {
  return db
    .select({ id: lotteries.id, name: lotteries.name, kind: lotteries.kind })
    .from(lotteries)
    .where(
      and(
        or(isNull(lotteries.startsAt), lte(lotteries.startsAt, now)),
        or(isNull(lotteries.endsAt), gt(lotteries.endsAt, now)),
      ),
    )
    .orderBy(desc(lotteries.createdAt))
    .limit(3);
}
