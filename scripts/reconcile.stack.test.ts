// `npm run reconcile` end to end against the running stack: after the wallets' outboxes drain, Turso's
// projections equal the wallets (exit 0); a projection tampered with behind the wallet's back is reported
// (exit 1) with the member and the difference.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { expect, inject, test } from "vitest";
import { TEST_SECRETS } from "../test/stack-global-setup";
import { ROOT } from "./paths";

const run = promisify(execFile);
const base = inject("baseUrl");
const dbUrl = inject("stackDbUrl");

async function api(path: string, body: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path} ${await res.clone().text()}`).toBe(200);
  return res.json();
}

async function reconcile(): Promise<{ code: number; out: string }> {
  const tsx = join(ROOT, "node_modules/.bin/tsx");
  try {
    const { stdout } = await run(
      tsx,
      ["scripts/reconcile.ts", "--url", base, "--db", dbUrl, "--token", TEST_SECRETS.MERCHANT_API_TOKEN],
      { cwd: ROOT },
    );
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: `${e.stdout}${e.stderr}` };
  }
}

test("reconcile: projections match once the outboxes drain; a tampered projection is reported", async () => {
  const uids = [1, 2, 3].map((i) => `rec-${i}-${Date.now()}`);
  for (const [i, uid] of uids.entries()) {
    await api(`/members/${uid}/points/earn`, { ref: "buy-1", reason: "门店消费", amountFen: 12_345 * (i + 1) });
    await api(`/members/${uid}/points/earn`, { ref: "task-1", reason: "完善资料", points: 20, source: "task" });
    await api(`/members/${uid}/points/deduct`, { ref: "deduct-1", reason: "人工扣减", points: 30 });
    await api(`/members/${uid}/points/reverse`, { ref: "rev-1", reason: "退货", earnRef: "buy-1" });
  }

  // The alarms drain within a second or two; reconcile reports lag as differences until then.
  let result = await reconcile();
  for (let i = 0; i < 20 && result.code !== 0; i++) {
    await new Promise((r) => setTimeout(r, 500));
    result = await reconcile();
  }
  expect(result.code, result.out).toBe(0);

  const db = createClient({ url: dbUrl });
  await db.execute({ sql: "update balance_projection set balance = balance + 7 where uid = ?", args: [uids[1]!] });
  await db.execute({ sql: "delete from ledger_projection where uid = ? and seq = 2", args: [uids[2]!] });
  db.close();
  const tampered = await reconcile();
  expect(tampered.code).toBe(1);
  expect(tampered.out).toContain(uids[1]);
  expect(tampered.out).toContain(uids[2]);
  expect(tampered.out).not.toContain(uids[0]);
});
