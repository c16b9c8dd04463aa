import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addresses, categories, items } from "../../db/schema";
import { ownerSession, postForm } from "../admin/test-admin";
import { call, newUid } from "../api/test-client";
import { csrfOf, db, get, login, post } from "../shop/test-session";

const sku = () => `TX-${crypto.randomUUID().slice(0, 8)}`;
const createItem = (over: Record<string, unknown>) =>
  call("POST", "/api/v1/items", { sku: sku(), name: "测试", type: "virtual", points: 10, stock: 1, ...over });

describe("the text rule through the Merchant API", () => {
  it("reads accepted text back trimmed and NFC-normalised; keeps emoji sequences; a description keeps its lines", async () => {
    const r = await createItem({ name: "  Cafe\u0301 Latte 👩\u200d💻 ", description: "第一行\r\n第二行\n\t缩进" });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const item = await call("GET", `/api/v1/items/${r.json.id}`);
    expect(item.json.name).toBe("Café Latte 👩\u200d💻");
    expect(item.json.description).toBe("第一行\n第二行\n\t缩进");
  });

  it("refuses NUL, other control characters, bidi controls, lone surrogates, U+FFFD (bytes that were not UTF-8) and blank required text with 422, writing nothing", async () => {
    const bad = [
      "\u0000",
      "a\u0000b",
      "a\u0007b",
      "a\u202eb",
      "a\u2066b",
      "a\ud800b",
      "a\udc00",
      "a\ufffdb",
      "   ",
      "\u3000",
    ];
    for (const name of bad) {
      const s = sku();
      const r = await call("POST", "/api/v1/items", { sku: s, name, type: "virtual", points: 10, stock: 1 });
      expect(r.status, JSON.stringify(name)).toBe(422);
      expect(r.json.error.code).toBe("VALIDATION_FAILED");
      expect(await db().select().from(items).where(eq(items.sku, s))).toEqual([]);
    }
    const uid = newUid();
    for (const reason of ["   ", "\u0000", "x\u202ey"]) {
      const r = await call("POST", `/api/v1/members/${uid}/points/earn`, {
        ref: `t-${crypto.randomUUID()}`,
        reason,
        points: 1,
        source: "purchase",
      });
      expect(r.status, JSON.stringify(reason)).toBe(422);
    }
    expect((await call("PUT", `/api/v1/members/${uid}`, { nickname: "\u0000" })).status).toBe(422);
    expect((await call("PUT", `/api/v1/members/${uid}`, { nickname: "  小\u200f明 " })).status).toBe(422);
    expect((await call("GET", `/api/v1/members/${uid}`)).status).toBe(404);
  });
});

describe("the text rule in the console and the shopper's forms", () => {
  it("a category name with a NUL or a bidi override is refused; an accepted one is stored normalised", async () => {
    const s = await ownerSession("/admin/items/categories");
    for (const name of ["咖\u0000啡", "咖\u202e啡"]) {
      const res = await postForm("/admin/items/categories", s.cookie, new URLSearchParams({ _csrf: s.csrf, name }));
      expect(res.status, JSON.stringify(name)).toBe(422);
      expect(await db().select().from(categories).where(eq(categories.name, name))).toEqual([]);
    }
    const name = `Cafe\u0301 ${crypto.randomUUID().slice(0, 4)}`;
    const ok = await postForm(
      "/admin/items/categories",
      s.cookie,
      new URLSearchParams({ _csrf: s.csrf, name: ` ${name} ` }),
    );
    expect(ok.status).toBeLessThan(400);
    expect(
      await db()
        .select()
        .from(categories)
        .where(eq(categories.name, name.normalize("NFC"))),
    ).toHaveLength(1);
  });

  it("an address with a NUL, a control character or a bidi override is refused (422) and not saved", async () => {
    const m = await login();
    const csrf = await csrfOf(m.cookie);
    for (const recipient of ["李\u0000四", "李\u0008四", "李\u202e四"]) {
      const res = await post("/me/addresses", m.cookie, {
        _csrf: csrf,
        recipient,
        phone: "13800138000",
        region: "上海市 徐汇区",
        detail: "漕溪北路 1 号",
      });
      expect(res.status, JSON.stringify(recipient)).toBe(422);
    }
    expect(await db().select().from(addresses).where(eq(addresses.uid, m.uid))).toEqual([]);
    const ok = await post("/me/addresses", m.cookie, {
      _csrf: csrf,
      recipient: "Jose\u0301",
      phone: "13800138000",
      region: "上海市 徐汇区",
      detail: "漕溪北路 1 号",
    });
    expect(ok.status).toBeLessThan(400);
    const [row] = await db().select().from(addresses).where(eq(addresses.uid, m.uid));
    expect(row?.recipient).toBe("José");
    expect((await get("/me/addresses", m.cookie)).status).toBe(200);
  });
});
