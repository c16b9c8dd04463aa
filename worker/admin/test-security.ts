// For the console's security tests: every /admin route from the real Hono route table (so a new route is
// tested the day it is added), its parameters filled with this test's own rows, and an owner of the test's
// own (a unique email: audit rows are counted by that actor, never globally).
import { env } from "cloudflare:workers";
import { groupFor } from "../group-buy/group-stub";
import { createDeal, groupIdOf } from "../group-buy/rows";
import { createLottery } from "../lottery/rows";
import { lotteryInput } from "../lottery/test-support";
import { and, eq, gt, ne } from "drizzle-orm";
import { expect } from "vitest";
import { adminUsers, apiKeys, auditLog, categories, items, members, orders, webhookEndpoints } from "../../db/schema";
import { putMember } from "../api/test-client";
import { app } from "../app";
import { ADDRESS, createItem, db, mallRules, memberWith } from "../redeem/test-support";
import { post } from "../shop/test-session";
import { hashPassword } from "./password";
import { login, OWNER, pageCsrf } from "./test-admin";
import { order } from "./orders/test-orders";
import { createEndpoint } from "../webhooks/endpoints";
import { createTask, inputOf } from "../tasks/rows";
import { TaskBody } from "../tasks/schema";
import { tasks } from "../../db/schema";
import { createBatch } from "../codes/batches";

export type AdminRoute = { method: "GET" | "POST"; path: string };

/** Every GET/POST route under /admin, once each (validators and middleware add duplicate entries). */
export function adminRouteTable(): AdminRoute[] {
  const seen = new Map<string, AdminRoute>();
  for (const r of app.routes) {
    if (r.path !== "/admin" && !r.path.startsWith("/admin/")) continue;
    if (r.method === "ALL" && r.path.endsWith("*")) continue; // middleware (`.use`)
    const methods = r.method === "ALL" ? (["GET", "POST"] as const) : [r.method];
    for (const method of methods) {
      if (method !== "GET" && method !== "POST")
        throw new Error(`unexpected ${method} ${r.path}: extend the security tests`);
      seen.set(`${method} ${r.path}`, { method, path: r.path });
    }
  }
  return [...seen.values()];
}

export const OWNER_ONLY = ["/admin/settings", "/admin/tokens", "/admin/users", "/admin/webhooks", "/admin/payments"];
export const isOwnerOnly = (path: string) => OWNER_ONLY.some((p) => path === p || path.startsWith(`${p}/`));

export type Fixture = {
  itemId: number;
  categoryId: number;
  orderId: string;
  uid: string;
  operatorId: number;
  tokenId: number;
  lotteryId: string;
  webhookId: string;
  taskId: string;
  dealId: string;
  groupId: string;
  codeBatchId: string;
};

/** A well-formed event id for the redeliver route (the guards refuse before any look-up). */
const EVENT_ID = `evt_${"0".repeat(32)}`;

/** A concrete URL for a route: each `:param` replaced by one of the fixture's rows; an unknown one fails. */
export function urlFor(path: string, f: Fixture): string {
  const value = (prefix: string, param: string): string => {
    if (prefix.startsWith("/admin/items/categories")) return String(f.categoryId);
    if (prefix.startsWith("/admin/items")) return String(f.itemId);
    if (prefix.startsWith("/admin/orders")) return encodeURIComponent(f.orderId);
    if (prefix.startsWith("/admin/members")) return encodeURIComponent(f.uid);
    if (prefix.startsWith("/admin/users")) return String(f.operatorId);
    if (prefix.startsWith("/admin/tokens")) return String(f.tokenId);
    if (prefix.startsWith("/admin/lotteries")) return f.lotteryId;
    if (prefix.startsWith("/admin/tasks")) return f.taskId;
    if (prefix.startsWith("/admin/group-deals") && param === "groupId") return f.groupId;
    if (prefix.startsWith("/admin/group-deals")) return f.dealId;
    if (prefix.startsWith("/admin/codes")) return f.codeBatchId;
    if (prefix.startsWith("/admin/payments")) return encodeURIComponent(f.orderId);
    if (prefix.startsWith("/admin/webhooks") && param === "eventId") return EVENT_ID;
    if (prefix.startsWith("/admin/webhooks")) return f.webhookId;
    throw new Error(`no test value for ${param} in ${path}: add one to worker/admin/test-security.ts`);
  };
  return path.replace(/:([A-Za-z_]+)(\{[^}]*\})?/g, (_m, name: string, _re, offset: number) =>
    value(path.slice(0, offset), name),
  );
}

/** An owner of this test's own, stored directly (the console only invites operators), signed in. */
export async function ownOwner(
  tag: string,
): Promise<{ email: string; password: string; id: number; cookie: string; csrf: string }> {
  // The env owner is created at the first sign-in only while no admin exists: make sure it exists before this
  // direct insert, or every other test file's owner login would find an admin table without it.
  await login(OWNER.email, OWNER.password);
  const email = `own-${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = `pw-${crypto.randomUUID()}`;
  const [row] = await db()
    .insert(adminUsers)
    .values({ email, passwordHash: await hashPassword(password), role: "owner" })
    .returning({ id: adminUsers.id });
  const cookie = await login(email, password);
  return { email, password, id: row!.id, cookie, csrf: await pageCsrf(cookie, "/admin/audit") };
}

/** An operator invited by `ownerCookie` through /admin/users, signed in. */
export async function invitedOperator(
  ownerCookie: string,
  tag: string,
): Promise<{ email: string; id: number; cookie: string; csrf: string }> {
  const email = `op-${tag}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await post("/admin/users", ownerCookie, { _csrf: await pageCsrf(ownerCookie, "/admin/users"), email });
  expect(res.status).toBe(200);
  const password = /data-initial-password[^>]*>([^<]+)</.exec(await res.text())?.[1]?.trim();
  expect(password).toBeTruthy();
  const row = (await db().select().from(adminUsers).where(eq(adminUsers.email, email)))[0]!;
  expect(row.role).toBe("operator");
  const cookie = await login(email, password!);
  return { email, id: row.id, cookie, csrf: await pageCsrf(cookie, "/admin/audit") };
}

/** This test's own item, category, order (of its own member), operator and API token. */
export async function fixture(ownerCookie: string, tag: string): Promise<Fixture> {
  const { itemId } = await createItem({ type: "physical", name: `安全测试-${tag}`, points: 10, stock: 20 });
  const [cat] = await db()
    .insert(categories)
    .values({ slug: `sec-${tag}-${crypto.randomUUID().slice(0, 8)}`, name: `安全分类-${tag}` })
    .returning({ id: categories.id });
  const uid = await memberWith(1000, `sec-${tag}`);
  expect((await putMember(uid, { nickname: `安全-${tag}` })).status).toBeLessThan(300);
  const o = await order(uid, itemId, true);
  const operator = await invitedOperator(ownerCookie, tag);
  const [key] = await db()
    .insert(apiKeys)
    .values({ name: `sec-${tag}`, tokenHash: crypto.randomUUID().replace(/-/g, "").padEnd(64, "0"), prefix: "pm_test" })
    .returning({ id: apiKeys.id });
  const lottery = await createLottery(db(), `sec-${tag}-${crypto.randomUUID()}`, lotteryInput(), Date.now());
  if (!lottery.ok) throw new Error("fixture: lottery not created");
  const hook = await createEndpoint(db(), {
    url: `https://hooks.example.com/sec-${tag}`,
    events: ["points.earned"],
    description: "",
    ref: null,
    actor: `fixture-${tag}`,
    now: Date.now(),
  });
  if (!hook.ok) throw new Error("webhook fixture");
  const task = await createTask(
    db(),
    `sec-${tag}-${crypto.randomUUID()}`,
    inputOf(
      TaskBody.parse({
        ref: "sec",
        title: `安全任务-${tag}`,
        kind: "survey",
        points: 10,
        repeat: "once",
        questions: [{ kind: "text", text: "建议" }],
      }),
    ),
    Date.now(),
    `fixture-${tag}`,
  );
  // A group deal of the item with one group opened by the member (through its object, as 开团 does).
  const deal = await createDeal(
    db(),
    `sec-${tag}-${crypto.randomUUID()}`,
    { itemId, groupSize: 2, pointsPrice: 5, fillHours: 24, startsAt: null, endsAt: null, enabled: true, tiers: [] },
    Date.now(),
  );
  if (!deal.ok) throw new Error("fixture: group deal not created");
  const openKey = crypto.randomUUID();
  const groupId = await groupIdOf(openKey);
  const now = Date.now();
  const opened = await groupFor(env, groupId).join({
    uid,
    key: openKey,
    now,
    rules: await mallRules(),
    address: ADDRESS,
    open: {
      id: groupId,
      dealId: deal.id,
      itemId,
      itemName: `安全测试-${tag}`,
      itemType: "physical",
      size: 2,
      price: 5,
      leader: uid,
      openedAt: now,
      deadline: now + 24 * 3_600_000,
      timeZone: "Asia/Shanghai",
    },
  });
  if (!opened.ok) throw new Error(`fixture: group not opened (${opened.code})`);
  const batch = await createBatch(db(), {
    ref: `sec-${tag}-${crypto.randomUUID()}`,
    actor: `fixture-${tag}`,
    now: Date.now(),
    name: `安全测试-${tag}`,
    points: 1,
    count: 1,
    expiresAt: null,
    perMemberLimit: null,
  });
  if (!batch.ok) throw new Error("code batch fixture");
  return {
    itemId,
    categoryId: cat!.id,
    orderId: o.id,
    uid,
    operatorId: operator.id,
    tokenId: key!.id,
    lotteryId: lottery.id,
    webhookId: hook.endpoint.id,
    taskId: task.task.id,
    dealId: deal.id,
    groupId,
    codeBatchId: batch.batch.id,
  };
}

/** Audit rows by `actor` other than their sign-ins (after row `after`, if given). */
export const writesBy = (actor: string, after = 0) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actor, actor), ne(auditLog.action, "admin.login"), gt(auditLog.id, after)));

/** The id of the newest audit row of `actor` (0 if none). */
export const lastAuditId = async (actor: string) =>
  Math.max(
    0,
    ...(await db().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actor, actor))).map((r) => r.id),
  );

/** The rows of a fixture the routes could change, to compare before and after refused posts. */
export async function snapshot(f: Fixture, operatorEmail: string) {
  // (the stock projection is left out: it catches up with the order's sale asynchronously; a stock change
  // would show in the audit rows)
  const [item, category, order, member, operator, token, webhook, task] = await Promise.all([
    db().select().from(items).where(eq(items.id, f.itemId)),
    db().select().from(categories).where(eq(categories.id, f.categoryId)),
    db().select().from(orders).where(eq(orders.id, f.orderId)),
    db().select().from(members).where(eq(members.uid, f.uid)),
    db().select().from(adminUsers).where(eq(adminUsers.email, operatorEmail)),
    db().select().from(apiKeys).where(eq(apiKeys.id, f.tokenId)),
    db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, f.webhookId)),
    db().select().from(tasks).where(eq(tasks.id, f.taskId)),
  ]);
  // sign-in bookkeeping is not something a refused post could change
  return {
    item,
    category,
    order,
    member,
    operator: operator.map((o) => ({ ...o, lastLoginAt: 0 })),
    token,
    webhook,
    task,
  };
}

/** Fields that would make each form do something if its guard let it through. */
export function formFields(tag: string): Record<string, string> {
  return {
    email: `csrf-${tag}@example.com`,
    name: `csrf-${tag}`,
    slug: `csrf-${tag}`,
    sort: "5",
    sku: `CSRF-${tag}`,
    type: "virtual",
    points: "10",
    stock: "5",
    description: "",
    onShelf: "0",
    carrier: "顺丰速运",
    trackingNo: "SF1234567890",
    delta: "7",
    amount: "7",
    reason: "csrf",
    ref: `csrf-${tag}`,
    codes: `CSRF${tag}`,
    grace: "24",
    graceHours: "24",
    url: `https://hooks.example.com/csrf-${tag}`,
    events: "points.earned",
    csv: "订单号,快递公司,运单号\n",
    title: `csrf-${tag}`,
    kind: "visit",
    target: "/",
    repeat: "once",
    enabled: "0",
  };
}
