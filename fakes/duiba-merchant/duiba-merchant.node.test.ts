// The fake Duiba merchant server over real HTTP. Requests are canonicalised with worker/duiba/sign.ts's
// signingString and hashed with node:crypto (Node's WebCrypto has no MD5; the workerd test
// worker/duiba/merchant-fake.test.ts sends the Worker's own MD5 signatures to this fake).
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCreditsAnswer } from "../../worker/duiba/protocol";
import { signingString } from "../../worker/duiba/sign";
import { startDuibaMerchantFake, type DuibaMerchantFake } from "./index";

let fake: DuibaMerchantFake;
const signed = (p: Record<string, string>, secret = "DEMO_SECRET"): Record<string, string> => ({
  ...p,
  sign: createHash("md5").update(signingString(p, secret)).digest("hex"),
});
const get = async (url: string, p: Record<string, string>) => {
  const res = await fetch(`${url}?${new URLSearchParams(p)}`);
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
};
const consume = (uid: string, orderNum: string, credits: number, extra: Record<string, string> = {}) =>
  signed({
    uid,
    credits: String(credits),
    itemCode: "SKU-1",
    appKey: "DEMO_APPKEY",
    timestamp: String(Date.now()),
    description: "兑换 拿铁券",
    orderNum,
    type: "coupon",
    facePrice: "2500",
    actualPrice: "0",
    ip: "127.0.0.1",
    waitAudit: "false",
    params: "",
    ...extra,
  });

beforeAll(async () => {
  fake = await startDuibaMerchantFake({
    members: { alice: 500 },
    mallAutologinUrl: "http://127.0.0.1:8787/duiba/autologin",
  });
});
afterAll(() => fake.stop());

describe("扣积分", () => {
  it("deducts once per orderNum and answers Duiba's JSON; a repeat gets the first answer", async () => {
    const r = await get(fake.consumeUrl, consume("alice", "DB-1", 120));
    expect(r.type).toContain("application/json");
    const a = parseCreditsAnswer(r.text);
    expect(a).toEqual({ status: "ok", errorMessage: "", bizId: expect.stringMatching(/^MB/), credits: 380 });
    expect(parseCreditsAnswer((await get(fake.consumeUrl, consume("alice", "DB-1", 120))).text)).toEqual(a);
    expect(fake.balances.get("alice")).toBe(380);
  });

  it("refuses a bad signature, another appKey, missing fields and too few credits with status fail", async () => {
    const bad = { ...consume("alice", "DB-2", 10), sign: "0".repeat(32) };
    expect(JSON.parse((await get(fake.consumeUrl, bad)).text)).toEqual({
      status: "fail",
      errorMessage: "签名验证失败",
      credits: 380,
    });
    expect(
      JSON.parse((await get(fake.consumeUrl, signed({ ...consume("alice", "DB-3", 10), appKey: "OTHER" }))).text),
    ).toMatchObject({ status: "fail", errorMessage: "appKey不匹配" });
    const { orderNum: _o, ...noOrder } = consume("alice", "x", 10);
    expect(JSON.parse((await get(fake.consumeUrl, signed({ ...noOrder, sign: "" }))).text)).toMatchObject({
      status: "fail",
    });
    expect(JSON.parse((await get(fake.consumeUrl, consume("alice", "DB-4", 10_000))).text)).toEqual({
      status: "fail",
      errorMessage: "积分不足",
      credits: 380,
    });
    expect(fake.balances.get("alice")).toBe(380);
  });

  it("answers fail with the merchant's own reason when told to refuse a member (once), and takes nothing", async () => {
    const before = fake.balances.get("alice");
    await fetch(`${fake.url}/__fake/duiba/refuse`, {
      method: "POST",
      body: JSON.stringify({ uid: "alice", errorMessage: "账户已冻结" }),
    });
    expect(JSON.parse((await get(fake.consumeUrl, consume("alice", "DB-R1", 10))).text)).toEqual({
      status: "fail",
      errorMessage: "账户已冻结",
      credits: before,
    });
    // final for that orderNum; the next one is served again
    expect(JSON.parse((await get(fake.consumeUrl, consume("alice", "DB-R1", 10))).text)).toMatchObject({
      status: "fail",
    });
    expect(JSON.parse((await get(fake.consumeUrl, consume("alice", "DB-R2", 10))).text)).toMatchObject({
      status: "ok",
      credits: before! - 10,
    });
    fake.balances.set("alice", before!);
  });

  it("a consume that was slowed past the caller's timeout still deducts; the failure notice rolls it back once", async () => {
    await fetch(`${fake.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({ path: "/duiba/consume", match: "DB-5", kind: "delay", delayMs: 400 }),
    });
    await expect(
      fetch(`${fake.consumeUrl}?${new URLSearchParams(consume("alice", "DB-5", 80))}`, {
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.balances.get("alice")).toBe(300);
    const notice = signed({
      appKey: "DEMO_APPKEY",
      timestamp: String(Date.now()),
      uid: "alice",
      success: "false",
      errorMessage: "扣积分超时",
      orderNum: "DB-5",
    });
    expect(await get(fake.notifyUrl, notice)).toMatchObject({ status: 200, text: "ok" });
    expect(await get(fake.notifyUrl, notice)).toMatchObject({ text: "ok" });
    expect(fake.balances.get("alice")).toBe(380);
    expect(fake.orders.get("DB-5")).toMatchObject({ state: "failed", notices: 2 });
  });
});

describe("兑换结果通知 and 加积分", () => {
  it("a success notice marks the order, a forged notice is not ok", async () => {
    await get(fake.consumeUrl, consume("alice", "DB-6", 30));
    const n = signed({
      appKey: "DEMO_APPKEY",
      timestamp: String(Date.now()),
      uid: "alice",
      success: "true",
      errorMessage: "",
      orderNum: "DB-6",
      bizId: fake.orders.get("DB-6")!.bizId,
    });
    expect((await get(fake.notifyUrl, { ...n, success: "false" })).text).toBe("签名验证失败");
    expect((await get(fake.notifyUrl, n)).text).toBe("ok");
    expect(fake.orders.get("DB-6")!.state).toBe("success");
    expect(fake.balances.get("alice")).toBe(350);
  });

  it("adds credits once per orderNum; POST forms work as well as GET", async () => {
    const p = signed({
      appKey: "DEMO_APPKEY",
      uid: "bob",
      credits: "15",
      type: "sign",
      orderNum: "ADD-1",
      timestamp: String(Date.now()),
      description: "签到",
      ip: "",
    });
    const first = parseCreditsAnswer((await get(fake.addCreditsUrl, p)).text);
    expect(first).toEqual({ status: "ok", errorMessage: "", bizId: expect.stringMatching(/^MA/), credits: 15 });
    const again = await fetch(fake.addCreditsUrl, { method: "POST", body: new URLSearchParams(p) });
    expect(parseCreditsAnswer(await again.text())).toEqual(first);
    expect(await (await fetch(`${fake.url}/__fake/duiba/members/bob`)).json()).toMatchObject({
      uid: "bob",
      credits: 15,
    });
    // Duiba's types only, in any case: postsale (售后退积分) is one, a made-up one is refused and adds nothing.
    const refund = signed({ ...p, type: "PostSale", orderNum: "ADD-2", sign: "" });
    expect(parseCreditsAnswer((await get(fake.addCreditsUrl, refund)).text)).toMatchObject({
      status: "ok",
      credits: 30,
    });
    const odd = signed({ ...p, type: "refund", orderNum: "ADD-3", sign: "" });
    expect(parseCreditsAnswer((await get(fake.addCreditsUrl, odd)).text)).toMatchObject({
      status: "fail",
      credits: 30,
    });
  });

  it("injected 500s and business failures", async () => {
    await fetch(`${fake.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({
        path: "/duiba/consume",
        match: "DB-7",
        kind: "status",
        status: 500,
        body: "Internal Server Error",
        contentType: "text/plain",
      }),
    });
    expect((await get(fake.consumeUrl, consume("alice", "DB-7", 1))).status).toBe(500);
    await fetch(`${fake.url}/__fake/faults`, {
      method: "POST",
      body: JSON.stringify({
        path: "/duiba/consume",
        match: "DB-8",
        kind: "status",
        status: 200,
        body: '{"status":"fail","errorMessage":"用户已冻结","credits":0}',
      }),
    });
    expect(parseCreditsAnswer((await get(fake.consumeUrl, consume("alice", "DB-8", 1))).text)).toEqual({
      status: "fail",
      errorMessage: "用户已冻结",
      credits: 0,
    });
  });
});

describe("autologin links", () => {
  it("mints a link to the mall signed per Duiba (uid, credits, appKey, timestamp, redirect)", async () => {
    const r = (await (
      await fetch(`${fake.url}/__fake/duiba/autologin`, {
        method: "POST",
        body: JSON.stringify({ uid: "alice", redirect: "/items/3" }),
      })
    ).json()) as { url: string; params: Record<string, string> };
    const u = new URL(r.url);
    expect(u.origin + u.pathname).toBe("http://127.0.0.1:8787/duiba/autologin");
    const p = Object.fromEntries(u.searchParams);
    expect(Object.keys(p).sort()).toEqual(["appKey", "credits", "redirect", "sign", "timestamp", "uid"]);
    expect(p).toMatchObject({ uid: "alice", credits: "350", redirect: "/items/3", appKey: "DEMO_APPKEY" });
    expect(p.sign).toBe(createHash("md5").update(signingString(p, "DEMO_SECRET")).digest("hex"));
  });
});
