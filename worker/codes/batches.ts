// Redeem-code batches in Turso: made in one write batch (the batch row, every code's hash, the audit row: all
// or nothing), listed with their used/unused counts, disabled. The codes themselves leave only in the answer
// to the call that made them.
import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { codeBatches, redeemCodes } from "../../db/schema";
import { auditEntry } from "../audit/audit-log";
import { fingerprintOf } from "../api/idempotency";
import { isUniqueViolation } from "../db-errors";
import { generateCodes, hashCode } from "./code-text";

export const MAX_BATCH = 10_000;
export const BATCH_ID = /^C[0-9a-f]{12}$/;

export type BatchInput = {
  name: string;
  points: number;
  count: number;
  expiresAt: number | null;
  perMemberLimit: number | null;
};

export type BatchRow = typeof codeBatches.$inferSelect;
export type BatchView = BatchRow & { used: number; unused: number };

export type CreateBatch =
  | { ok: true; batch: BatchRow; codes: string[] }
  /** this ref already made this batch: its codes were shown then and are not kept */
  | { ok: true; batch: BatchRow; codes: null }
  | { ok: false; code: "REF_CONFLICT" };

const CHUNK = 500;

export async function createBatch(
  db: Db,
  input: { ref: string; actor: string; now: number } & BatchInput,
): Promise<CreateBatch> {
  const { ref, actor, now, ...def } = input;
  const fingerprint = await fingerprintOf(def);
  const existing = await batchByRef(db, ref);
  if (existing) return existing.fingerprint === fingerprint ? { ok: true, batch: existing, codes: null } : conflict;
  const id = `C${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const codes = generateCodes(def.count);
  const hashes = await Promise.all(codes.map(hashCode));
  const row: BatchRow = { id, ref, fingerprint, ...def, disabled: false, createdBy: actor, createdAt: now };
  const inserts = [];
  for (let i = 0; i < hashes.length; i += CHUNK)
    inserts.push(db.insert(redeemCodes).values(hashes.slice(i, i + CHUNK).map((hash) => ({ hash, batchId: id }))));
  try {
    await db.batch([
      db.insert(codeBatches).values(row),
      ...inserts,
      auditEntry(db, {
        actor,
        action: "codes.batch_create",
        target: `code_batch:${id}`,
        after: {
          name: def.name,
          points: def.points,
          count: def.count,
          expiresAt: def.expiresAt,
          perMemberLimit: def.perMemberLimit,
        },
        at: now,
      }),
    ]);
  } catch (err) {
    // Two calls with one ref at once: the other one made it.
    if (!isUniqueViolation(err, "code_batches.ref")) throw err;
    const made = await batchByRef(db, ref);
    if (!made) throw err;
    return made.fingerprint === fingerprint ? { ok: true, batch: made, codes: null } : conflict;
  }
  return { ok: true, batch: row, codes };
}

const conflict = { ok: false, code: "REF_CONFLICT" } as const;

async function batchByRef(db: Db, ref: string): Promise<BatchRow | undefined> {
  return (await db.select().from(codeBatches).where(eq(codeBatches.ref, ref)).limit(1))[0];
}

const usedCount = sql<number>`(select count(*) from ${redeemCodes} where ${redeemCodes.batchId} = ${codeBatches.id}
  and ${redeemCodes.creditedAt} is not null)`;

export async function listBatches(db: Db, limit = 100): Promise<BatchView[]> {
  const rows = await db
    .select({ batch: codeBatches, used: usedCount })
    .from(codeBatches)
    .orderBy(desc(codeBatches.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r.batch, used: Number(r.used), unused: r.batch.count - Number(r.used) }));
}

export async function readBatch(db: Db, id: string): Promise<BatchView | null> {
  const [r] = await db.select({ batch: codeBatches, used: usedCount }).from(codeBatches).where(eq(codeBatches.id, id));
  return r ? { ...r.batch, used: Number(r.used), unused: r.batch.count - Number(r.used) } : null;
}

/** Stops a batch: its codes not yet claimed are refused from now on (claimed ones finish their credit). */
export async function disableBatch(db: Db, id: string, actor: string, now: number): Promise<boolean> {
  const before = await readBatch(db, id);
  if (!before) return false;
  if (before.disabled) return true;
  await db.batch([
    db.update(codeBatches).set({ disabled: true }).where(eq(codeBatches.id, id)),
    auditEntry(db, {
      actor,
      action: "codes.batch_disable",
      target: `code_batch:${id}`,
      before: { disabled: false },
      after: { disabled: true },
      at: now,
    }),
  ]);
  return true;
}
