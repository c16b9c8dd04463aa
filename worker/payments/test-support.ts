// Helpers for the payments workerd tests (not imported by the Worker): the merchant settings saved against the
// fake WeChat Pay (test/fakes-global-setup), the fake's control API, a cash order made through redeem(), and a
// notification the fake signed, handed to the Worker's notify route as WeChat Pay would post it.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect, inject } from "vitest";
import { orders, payments } from "../../db/schema";
import { redeem } from "../redeem/redeem";
import { ADDRESS, createItem, db, memberWith, newKey } from "../redeem/test-support";
import { closeDeps } from "./close-unpaid";
import { loadProvider, savePaymentSettings } from "./payment-settings";
import { walletFor } from "../wallet/wallet-stub";
import type { LedgerEntry } from "../wallet/types";

export const fakePay = () => inject("fakes").wechatPay;

export async function configurePayments(over: { payWindowMinutes?: number } = {}): Promise<void> {
  const f = fakePay();
  await savePaymentSettings(
    env.SESSION_SECRET,
    db(),
    {
      enabled: true,
      mchid: f.mchid,
      appid: f.appids[0]!,
      merchantSerialNo: f.merchantSerialNo,
      platformSerialNo: f.platformSerialNo,
      platformPublicKey: f.platformPublicKeyPem,
      apiV3Key: f.apiV3Key,
      privateKey: f.merchantPrivateKeyPem!,
      payWindowMinutes: over.payWindowMinutes ?? 15,
    },
    Date.now(),
  );
}

export async function provider() {
  const p = await loadProvider(env, db());
  expect(p).not.toBeNull();
  return p!;
}

export const deps = async () => closeDeps(env, await provider());

export async function fake(method: "GET" | "POST", path: string, body?: unknown): Promise<Response> {
  return fetch(`${fakePay().url}/__fake/wechatpay${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export type Delivery = { id: string; ref: string; body: string; headers: Record<string, string>; forged?: string };

/** The last notification the fake sent for this ref (out_trade_no or out_refund_no). */
export async function lastNotice(ref: string): Promise<Delivery> {
  for (let i = 0; i < 50; i++) {
    const list = (await (await fake("GET", `/notifications?ref=${encodeURIComponent(ref)}`)).json()) as Delivery[];
    const d = list.filter((x) => !x.forged).at(-1);
    if (d) return d;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no notification for ${ref}`);
}

/** Posts a notification to the Worker's notify route, exactly as delivered. */
export function deliver(d: Pick<Delivery, "body" | "headers">): Promise<Response> {
  return SELF.fetch("http://mall.test/payments/wechatpay/notify", {
    method: "POST",
    headers: { ...d.headers, "Content-Type": "application/json" },
    body: d.body,
  });
}

/** A member with points and an order of a physical points + cash item, awaiting payment. */
export async function cashOrder(over: { points?: number; cashFen?: number; now?: number; uid?: string } = {}) {
  const { itemId } = await createItem({ type: "physical", points: 300, cashFen: over.cashFen ?? 1000, stock: 3 });
  const uid = over.uid ?? (await memberWith(over.points ?? 1000, "pay"));
  // A backdated `now` gives the stock's hold a deadline already past in real time (now + 30 s), so the stock
  // object's alarm may release it before the wallet commits: ABORTED, "retry with a new key" — as a phone would.
  let key = newKey();
  let r = await redeem(env, db(), { uid, itemId, qty: 1, key, address: ADDRESS, now: over.now ?? Date.now() });
  for (let i = 0; i < 3 && !r.ok && r.code === "ABORTED" && over.now !== undefined; i++) {
    key = newKey();
    r = await redeem(env, db(), { uid, itemId, qty: 1, key, address: ADDRESS, now: over.now });
  }
  if (!r.ok) throw new Error(r.code);
  expect(r.order.status).toBe("awaiting_payment");
  return { uid, itemId, key, order: r.order };
}

export async function orderRow(id: string) {
  const [o] = await db().select().from(orders).where(eq(orders.id, id));
  return o!;
}
export async function paymentRow(id: string) {
  const [p] = await db().select().from(payments).where(eq(payments.orderId, id));
  return p ?? null;
}

/** A member's whole ledger, oldest first. */
export async function allLedger(uid: string): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let cursor: number | undefined;
  do {
    const page = await walletFor(env, uid).ledger({ limit: 200, cursor });
    out.push(...page.entries);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out.reverse();
}
