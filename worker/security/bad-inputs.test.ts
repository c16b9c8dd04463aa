// The bad-input corpus of issue 14 (test/bad-inputs.ts) through the real Worker: every entry is refused with
// its 4xx (and code), and nothing a member or an item owns changes — balances, ledgers, stock and orders of
// the members and items the entries name are the same after each request.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { BAD_INPUTS, type BadInput } from "../../test/bad-inputs";
import { orders } from "../../db/schema";
import { login as adminLogin, OWNER, pageCsrf } from "../admin/test-admin";
import { call } from "../api/test-client";
import { ERROR_CODES, type ErrorCode } from "../errors";
import { signAutologinLink } from "../identity/autologin-sign";
import { createItem, ADDRESS } from "../redeem/test-support";
import { BASE, balanceOf, csrfOf, db, givePoints, HX, login, orderIdIn, post, redeemForm } from "../shop/test-session";
import { stockFor } from "../stock/stock-stub";
import { t } from "../../views/i18n";
import { walletFor } from "../wallet/wallet-stub";

type Ctx = {
  vars: Record<string, string>;
  member: { uid: string; cookie: string; csrf: string };
  other: { uid: string; cookie: string; csrf: string };
  admin: { cookie: string; csrf: string };
  items: number[];
};
let ctx: Ctx;

beforeAll(async () => {
  const a = await login();
  const b = await login();
  await givePoints(a.uid, 5000);
  await givePoints(b.uid, 5000);
  const item = await createItem({ type: "virtual", points: 100, stock: 10 });
  const other = await createItem({ type: "virtual", points: 100, stock: 10 });
  const coupon = await createItem({ type: "coupon", points: 100, stock: 10 });
  const physical = await createItem({ type: "physical", points: 100, stock: 10 });
  // {uid} redeems one unit of {itemId} with the key its page rendered.
  const form = await redeemForm(a.cookie, item.itemId);
  const ok = await post(`/items/${item.itemId}/redeem`, a.cookie, { _csrf: form.csrf, key: form.key, qty: "1" }, HX);
  expect(ok.status).toBe(200);
  // …and orders a physical one.
  const pform = await redeemForm(a.cookie, physical.itemId);
  const placed = await post(
    `/items/${physical.itemId}/redeem`,
    a.cookie,
    { _csrf: pform.csrf, key: pform.key, qty: "1", addressId: "new", ...ADDRESS },
    HX,
  );
  expect(placed.status).toBe(200);
  const orderId = orderIdIn(await placed.text())!;
  // {uid} earned points through the API with a UUID ref.
  const earnRef = crypto.randomUUID();
  expect(
    (
      await call("POST", `/api/v1/members/${a.uid}/points/earn`, {
        ref: earnRef,
        reason: "消费",
        points: 10,
        source: "purchase",
      })
    ).status,
  ).toBe(200);
  const adminCookie = await adminLogin(OWNER.email, OWNER.password);
  ctx = {
    vars: {
      uid: a.uid,
      otherUid: b.uid,
      itemId: String(item.itemId),
      otherItemId: String(other.itemId),
      couponItemId: String(coupon.itemId),
      physicalItemId: String(physical.itemId),
      orderId,
      usedKey: form.key,
      earnRef,
    },
    member: { ...a, csrf: await csrfOf(a.cookie) },
    other: { ...b, csrf: await csrfOf(b.cookie) },
    admin: { cookie: adminCookie, csrf: await pageCsrf(adminCookie, "/admin/items/new") },
    items: [item.itemId, other.itemId, coupon.itemId, physical.itemId],
  };
});

function fill<T>(v: T): T {
  if (typeof v === "string") {
    return v.replace(/\{(\w+)\}/g, (m, name: string) =>
      name === "newKey" ? crypto.randomUUID() : (ctx.vars[name] ?? m),
    ) as T;
  }
  if (Array.isArray(v)) return v.map(fill) as T;
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)])) as T;
  return v;
}

/** What the members and items of the run own, to compare before and after a request. */
async function state() {
  const uids = [ctx.member.uid, ctx.other.uid];
  const balances = await Promise.all(uids.map((u) => balanceOf(u)));
  const ledgers = await Promise.all(
    uids.map(async (u) => (await walletFor(env, u).ledger({ limit: 1 })).entries[0]?.seq ?? 0),
  );
  const rows = await db()
    .select({ id: orders.id, status: orders.status, carrier: orders.carrier })
    .from(orders)
    .where(inArray(orders.uid, uids));
  const stock = await Promise.all(
    ctx.items.map(async (id) =>
      (await stockFor(env, id).holds()).map((h) => `${h.key}:${h.uid}:${h.qty}:${h.state}`).sort(),
    ),
  );
  return { balances, ledgers, orders: rows.sort((x, y) => (x.id < y.id ? -1 : 1)), stock };
}

async function send(e: BadInput): Promise<{ status: number; text: string; json: any }> {
  const path = fill(e.path);
  if (e.auth === "api") {
    const r = await call(
      e.method,
      path + (e.query ? `?${new URLSearchParams(fill(e.query))}` : ""),
      e.body === undefined ? undefined : fill(e.body),
    );
    return { status: r.status, text: typeof r.json === "string" ? r.json : JSON.stringify(r.json), json: r.json };
  }
  if (e.signed) {
    const p = fill(e.signed);
    const link = await signAutologinLink(BASE, env.AUTOLOGIN_SECRET, {
      uid: p.uid!,
      redirect: p.redirect,
      nickname: p.nickname,
    });
    const res = await SELF.fetch(link, { redirect: "manual" });
    return { status: res.status, text: await res.text(), json: null };
  }
  const who =
    e.auth === "member" ? ctx.member : e.auth === "otherMember" ? ctx.other : e.auth === "admin" ? ctx.admin : null;
  const fields = fill((e.body ?? {}) as Record<string, string>);
  const res = await post(path, who?.cookie, { _csrf: who?.csrf ?? "", ...fields }, e.htmx ? HX : {});
  return { status: res.status, text: await res.text(), json: null };
}

describe("the bad-input corpus (issue 14)", () => {
  it.each(BAD_INPUTS.map((e) => [`${e.route} — ${e.why}`, e] as const))("%s", async (_name, e) => {
    const before = await state();
    const r = await send(e);
    expect(r.status, r.text.slice(0, 400)).toBe(e.expect.status);
    if (e.expect.code) {
      if (e.auth === "api") expect(r.json?.error?.code).toBe(e.expect.code);
      else {
        const text = t(ERROR_CODES[e.expect.code as ErrorCode].message);
        expect(
          r.text.includes(`data-error-code="${e.expect.code}"`) || r.text.includes(text),
          `${e.expect.code} in ${r.text.slice(0, 300)}`,
        ).toBe(true);
      }
    }
    expect(await state()).toEqual(before);
  });

  it("covers each case the issue lists", () => {
    const routes = new Set(BAD_INPUTS.map((e) => e.route));
    for (const r of [
      "POST /items/{id}/redeem",
      "POST /api/v1/members/{uid}/points/earn",
      "POST /api/v1/items",
      "GET /autologin",
      "POST /api/v1/orders/{id}/ship",
    ]) {
      expect(routes.has(r), r).toBe(true);
    }
    expect(BAD_INPUTS.every((e) => e.expect.status >= 400 && e.expect.status < 500)).toBe(true);
  });
});
