// The outbox to Turso: drains (RPC and alarm) make Turso's ledger_projection and balance_projection equal the
// wallet; an unreachable database leaves the watermark, backs off and keeps the wallet serving; the next
// drain catches up; re-draining writes no duplicates.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createClient } from "@libsql/client/web";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { balanceProjection, ledgerProjection } from "../../db/schema";
import type { MemberWallet } from "./member-wallet";
import { backoffMs, DRAIN_BATCH, type BatchClient } from "./outbox";
import type { LedgerEntry } from "./types";
import { at, capsAll, DAY, newWallet, rules } from "./test-support";

const T = at("2096-02-02T04:00:00Z");
const db = () => getDb(env.TURSO_DATABASE_URL);
type Stub = DurableObjectStub<MemberWallet>;

async function walletLedger(stub: Stub): Promise<LedgerEntry[]> {
  const all: LedgerEntry[] = [];
  let cursor: number | undefined;
  do {
    const page = await stub.ledger({ limit: 200, cursor });
    all.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all.reverse();
}

async function tursoLedger(uid: string) {
  return db().select().from(ledgerProjection).where(eq(ledgerProjection.uid, uid)).orderBy(asc(ledgerProjection.seq));
}

/** Turso's projection of `uid` equals the wallet exactly. */
async function expectProjected(stub: Stub, uid: string, now: number) {
  const wallet = await walletLedger(stub);
  const rows = await tursoLedger(uid);
  expect(rows.map(({ uid: _u, ...r }) => r)).toEqual(
    wallet.map((e) => ({
      seq: e.seq,
      kind: e.kind,
      amount: e.amount,
      balanceAfter: e.balanceAfter,
      reason: e.reason,
      reasonKey: e.reasonKey,
      reasonParams: e.reasonParams === null ? null : JSON.stringify(e.reasonParams),
      source: e.source,
      ref: e.ref,
      createdAt: e.createdAt,
    })),
  );
  const s = await stub.summary({ uid, now, rules: rules() });
  const [bal] = await db().select().from(balanceProjection).where(eq(balanceProjection.uid, uid));
  expect(bal).toMatchObject({
    uid,
    balance: s.balance,
    tier: s.tier.key,
    earnedLast12Months: s.earnedLast12Months,
    version: wallet.length,
  });
  // Every lot expires under these rules, so what expires when adds up to the balance, soonest first.
  expect(bal!.expiring.reduce((n, e) => n + e.points, 0)).toBe(s.balance);
  expect(bal!.expiring.map((e) => e.expiresAt)).toEqual(
    [...bal!.expiring.map((e) => e.expiresAt)].sort((a, b) => a - b),
  );
  expect(bal!.expiring.every((e) => e.points > 0 && e.expiresAt > now)).toBe(true);
  expect((await stub.audit(now)).projectedSeq).toBe(wallet.length);
}

function setClient(stub: Stub, client: BatchClient | null) {
  return runInDurableObject(stub, (instance) => {
    const o = instance as unknown as { projectionClient?: () => BatchClient };
    if (client) o.projectionClient = () => client;
    else delete o.projectionClient; // back to the class's own (the real database)
  });
}

const outboxRow = (stub: Stub) =>
  runInDurableObject(stub, (_, state) =>
    state.storage.sql
      .exec<{ projected_seq: number; failures: number; next_attempt_at: number | null }>(
        "select projected_seq, failures, next_attempt_at from outbox_state",
      )
      .one(),
  );

async function someActivity(stub: Stub, uid: string) {
  const r = rules();
  await stub.ensureMember({ uid, now: T, rules: r });
  await stub.earn({ uid, ref: "o1", reason: "订单 1", source: "purchase", amountFen: 250_000, now: T, rules: r });
  await stub.checkin({ uid, now: T, rules: r });
  await stub.deduct({ uid, ref: "d1", reason: "扣减", points: 30, now: T, rules: r });
  await stub.reverse({ uid, ref: "rv1", earnRef: "o1", reason: "退货", now: T, rules: r });
  await stub.earn({ uid, ref: "o2", reason: "订单 2", source: "purchase", points: 2100, now: T, rules: r });
}

describe("outbox", () => {
  it("drainOutbox makes Turso equal the wallet; draining again sends nothing; a full replay writes no duplicates", async () => {
    const { uid, stub } = newWallet();
    await someActivity(stub, uid);
    const first = await stub.drainOutbox();
    expect(first.ok).toBe(true);
    expect(first.projectedSeq).toBe(6);
    await expectProjected(stub, uid, T);
    expect(await stub.drainOutbox()).toEqual({ ok: true, sent: 0, projectedSeq: 6 });
    // Forget the watermark: everything is sent again and the upserts leave Turso as it was.
    await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec("update outbox_state set projected_seq = 0, projected_tier = null"),
    );
    expect(await stub.drainOutbox()).toEqual({ ok: true, sent: 6, projectedSeq: 6 });
    expect(await tursoLedger(uid)).toHaveLength(6);
    await expectProjected(stub, uid, T);
  });

  it("a mutation sets an alarm about a second away; the alarm drains", async () => {
    const { uid, stub } = newWallet();
    const before = Date.now();
    await stub.earn({ uid, ref: "e", reason: "e", source: "purchase", points: 10, now: T, rules: rules() });
    const alarm = await runInDurableObject(stub, (_, state) => state.storage.getAlarm());
    expect(alarm).not.toBeNull();
    expect(alarm!).toBeGreaterThanOrEqual(before + 1000);
    expect(alarm!).toBeLessThanOrEqual(Date.now() + 1000);
    await runDurableObjectAlarm(stub); // (or it already ran by itself)
    await expectProjected(stub, uid, T);
  });

  it("with Turso unreachable: the watermark stays, retries back off, the wallet keeps serving, and the next drain catches up", async () => {
    const { uid, stub } = newWallet();
    await setClient(stub, createClient({ url: "http://127.0.0.1:9" })); // nothing listens there
    await someActivity(stub, uid);
    const failed = await stub.drainOutbox();
    expect(failed).toMatchObject({ ok: false, sent: 0, projectedSeq: 0 });
    expect(failed.error).toBeTruthy();
    let row = await outboxRow(stub);
    expect(row.failures).toBeGreaterThanOrEqual(1); // the alarm may have failed too
    expect(row.projected_seq).toBe(0);
    // Still serving.
    expect(
      await stub.earn({ uid, ref: "o3", reason: "订单 3", source: "purchase", points: 5, now: T, rules: rules() }),
    ).toMatchObject({ ok: true });
    const again = await stub.drainOutbox();
    expect(again.ok).toBe(false);
    row = await outboxRow(stub);
    expect(row.projected_seq).toBe(0);
    const n = row.failures;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(row.next_attempt_at! - Date.now()).toBeGreaterThan(backoffMs(n) - 1000);
    expect(row.next_attempt_at! - Date.now()).toBeLessThanOrEqual(backoffMs(n));
    // The alarm respects the backoff: it does not try before next_attempt_at.
    await runInDurableObject(stub, (_, state) =>
      state.storage.sql.exec("update outbox_state set next_attempt_at = ?", Date.now() + 60_000),
    );
    await runInDurableObject(stub, (_, state) => state.storage.setAlarm(Date.now() + 60_000));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect((await outboxRow(stub)).failures).toBe(n);
    expect(await tursoLedger(uid)).toEqual([]);
    // Back online.
    await setClient(stub, null);
    const caughtUp = await stub.drainOutbox();
    expect(caughtUp).toEqual({ ok: true, sent: 7, projectedSeq: 7 });
    expect((await outboxRow(stub)).failures).toBe(0);
    await expectProjected(stub, uid, T);
  });

  it("backoff doubles from 1 s to at most 5 min", () => {
    expect([1, 2, 3, 4, 9, 10, 11, 60].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 256_000, 300_000, 300_000, 300_000,
    ]);
  });

  it(`sends more than ${DRAIN_BATCH} entries in several batches`, async () => {
    const { uid, stub } = newWallet();
    const r = rules({ dailyCaps: capsAll(null) });
    for (let i = 0; i < 9; i++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          stub.earn({ uid, ref: `e${i}-${j}`, reason: "e", source: "task", points: 1, now: T + i * DAY, rules: r }),
        ),
      );
    }
    const d = await stub.drainOutbox();
    expect(d.ok).toBe(true);
    expect(d.projectedSeq).toBe(450);
    expect(await tursoLedger(uid)).toHaveLength(450);
    await expectProjected(stub, uid, T + 8 * DAY);
  });
});
