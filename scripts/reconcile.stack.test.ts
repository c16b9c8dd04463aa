// `npm run reconcile` end to end against the running stack: after the wallets' outboxes drain, Turso's
// projections equal the wallets (exit 0); a projection tampered with behind the wallet's back is reported
// (exit 1) with the member and the difference.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { createClient } from "@libsql/client";
import { expect, inject, test } from "vitest";
import { TEST_SECRETS } from "../test/stack-global-setup";
import { signAutologinLink } from "../worker/identity/autologin-sign";
import { ROOT } from "./paths";

const run = promisify(execFile);
const base = inject("baseUrl");
const dbUrl = inject("stackDbUrl");

async function api(path: string, body: unknown, status = 200) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TEST_SECRETS.MERCHANT_API_TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, `${path} ${await res.clone().text()}`).toBe(status);
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

/** A shopper's redemption over plain HTTP: the autologin link's session, the item page's form, its post. */
async function redeem(uid: string, itemId: number): Promise<void> {
  const link = await fetch(await signAutologinLink(base, TEST_SECRETS.AUTOLOGIN_SECRET, { uid, nickname: "对账" }), {
    redirect: "manual",
  });
  const cookie = (link.headers.get("set-cookie") ?? "").split(";")[0]!;
  expect(cookie).not.toBe("");
  const html = await (await fetch(`${base}/items/${itemId}`, { headers: { cookie } })).text();
  const form = /<form id="redeem-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
  const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form)?.[1] ?? "";
  const res = await fetch(`${base}/items/${itemId}/redeem`, {
    method: "POST",
    headers: { cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ _csrf: value("_csrf"), key: value("key"), qty: "1" }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

test("reconcile: each stock shard against its projection row; a broken shard is named", async () => {
  const made = (await api(
    "/items",
    {
      sku: `REC-${crypto.randomUUID().slice(0, 8)}`,
      name: "对账分片",
      type: "virtual",
      points: 10,
      stock: 6,
      stockShards: 3,
    },
    201,
  )) as { id: number };
  const id = made.id;
  const uid = `rec-s-${Date.now()}`;
  await api(`/members/${uid}/points/earn`, { ref: "gift-1", reason: "测试赠送", points: 100, source: "purchase" });
  await redeem(uid, id);
  await redeem(uid, id);

  // (The wallet test above leaves its tampered projections: the stock part is read on its own.)
  const stockClean = (out: string) => /stock: \d+ items, \d+ stock objects; every shard matches/.test(out);
  let result = await reconcile();
  for (let i = 0; i < 20 && !stockClean(result.out); i++) {
    await new Promise((r) => setTimeout(r, 500));
    result = await reconcile();
  }
  expect(stockClean(result.out), result.out).toBe(true);
  expect(result.out).not.toContain(`item ${id} `);

  // One shard's row tampered with: that shard (and only it) is reported, exit 1.
  const db = createClient({ url: dbUrl });
  await db.execute({
    sql: "update stock_shard_projection set on_hand = on_hand + 1 where item_id = ? and shard = 2",
    args: [id],
  });
  db.close();
  const broken = await reconcile();
  expect(broken.code, broken.out).toBe(1);
  expect(broken.out).toContain(`item ${id} shard 2  differs: available object`);
  expect(broken.out).not.toContain(`item ${id} shard 0`);
  expect(broken.out).not.toContain(`item ${id} shard 1`);
});
