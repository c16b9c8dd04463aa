// For the console's order tests (not imported by the Worker): the owner signed in with the CSRF token of its
// pages, orders made by the redemption protocol, stored rows, audit rows of an order, batch uploads.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { auditLog, orders } from "../../../db/schema";
import { redeem } from "../../redeem/redeem";
import { ADDRESS, db } from "../../redeem/test-support";
import type { Order } from "../../../domain";
import { ownerSession as ownerSessionAt, postForm, type AdminSession } from "../test-admin";

export type Owner = AdminSession;

export const ownerSession = () => ownerSessionAt("/admin/orders");

export async function order(uid: string, itemId: number, physical: boolean): Promise<Order> {
  const r = await redeem(env, db(), {
    uid,
    itemId,
    qty: 1,
    key: crypto.randomUUID(),
    address: physical ? ADDRESS : null,
    now: Date.now(),
  });
  if (!r.ok) throw new Error(`redeem refused: ${r.code}`);
  return r.order;
}

export const auditOf = (id: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.target, `order:${id}`), eq(auditLog.action, action)));

export const stored = async (id: string) => (await db().select().from(orders).where(eq(orders.id, id)))[0]!;

/** The order numbers of list rows in some HTML, in order. */
export const rowIds = (html: string) =>
  [...html.matchAll(/class="aorders__row" data-order-id="([^"]+)"/g)].map((m) => m[1]);

/** POSTs a batch as a file upload or as pasted text. */
export function upload(owner: Owner, text: string, as: "file" | "csv" = "file") {
  const form = new FormData();
  form.set("_csrf", owner.csrf);
  if (as === "file") form.set("file", new File([text], "ship.csv", { type: "text/csv" }));
  else form.set("csv", text);
  return postForm("/admin/orders/batch-ship", owner.cookie, form);
}

/** line → outcome of a batch's result table. */
export const outcomes = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/data-line="(\d+)" data-outcome="([a-z_]+)"/g)].map((m) => [Number(m[1]), m[2]]),
  );
