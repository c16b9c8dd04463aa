// The shopper's redemption through the real Worker: the item page's redeem form (README contract), the
// htmx and the whole-page answers, idempotency on the form's key, refusals with their codes, the physical
// item's address step (saved or inline, validated, 422 next to the fields), CSRF, guests.
import { describe, expect, it } from "vitest";
import {
  balanceOf,
  csrfOf,
  errorCodeIn,
  get,
  givePoints,
  HX,
  inputValue,
  login,
  orderIdIn,
  post,
  redeemForm,
} from "./test-session";

const LATTE = 1; // coupon, 300 积分, limit 5
const FREE_DELIVERY = 14; // coupon, 60 积分, no limit
const CROISSANT = 4; // virtual, 150 积分
const COOKIES = 6; // physical, 800 积分
const DRIP = 11; // physical, no stock
const TUMBLER = 9; // physical flash sale, starts 10 minutes after the seed

const ADDRESS = { recipient: "张三", phone: "13812345678", region: "上海市 徐汇区", detail: "漕溪北路 100 号 3 楼" };

describe("the item page's redeem form", () => {
  it("has the contract's fields and a confirm button with the price, a fresh key per render", async () => {
    const m = await login();
    await givePoints(m.uid, 1000);
    const { html, key, csrf } = await redeemForm(m.cookie, LATTE);
    expect(html).toMatch(/<form id="redeem-form"[^>]*method="post"[^>]*action="\/items\/1\/redeem"/);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(csrf).toMatch(/^[0-9a-f]{40}$/);
    expect(inputValue(html, "qty")).toBe("1");
    expect(html).toMatch(/<button[^>]*data-redeem-button[^>]*>确认兑换 300 积分<\/button>/);
    expect(html).toContain('hx-disable="find button"');
    expect((await redeemForm(m.cookie, LATTE)).key).not.toBe(key);
  });

  it("shows guests how to log in instead of the form", async () => {
    const html = await (await get(`/items/${LATTE}`)).text();
    expect(html).not.toContain('id="redeem-form"');
    expect(html).toContain("登录后才能签到和兑换");
  });

  it("disables the button with the reason when the member lacks points or the item is sold out", async () => {
    const m = await login(); // 50 积分 new-member bonus
    const poor = await (await get(`/items/${LATTE}`, m.cookie)).text();
    expect(poor).toMatch(/<button[^>]*disabled[^>]*>积分不足<\/button>/);
    expect(poor).toContain("当前 50 积分，还差 250 积分");
    await givePoints(m.uid, 1000);
    const out = await (await get(`/items/${DRIP}`, m.cookie)).text();
    expect(out).toMatch(/<button[^>]*disabled[^>]*>已兑完<\/button>/);
  });

  it("offers the physical item's address step: inline fields when nothing is saved", async () => {
    const m = await login();
    const { html } = await redeemForm(m.cookie, COOKIES);
    expect(html).toContain('id="address-fields-6"');
    for (const f of ["recipient", "phone", "region", "detail"])
      expect(html).toMatch(new RegExp(`<input[^>]*name="${f}"`));
    expect(inputValue(html, "addressId")).toBe("new");
  });
});

describe("redeeming a coupon", () => {
  it("answers htmx with the order number and the code, replaces the form, and updates the balance badge", async () => {
    const m = await login();
    await givePoints(m.uid, 950); // 1000 with the bonus
    const { key, csrf } = await redeemForm(m.cookie, LATTE);
    const res = await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: csrf, key, qty: "1" }, HX);
    expect(res.status).toBe(200);
    expect(res.headers.get("HX-Retarget")).toBe("#redeem-area-1");
    expect(res.headers.get("HX-Reswap")).toBe("outerHTML");
    const html = await res.text();
    expect(html).not.toContain("<html");
    const orderId = orderIdIn(html);
    expect(orderId).toBeTruthy();
    expect(html).toContain("兑换成功");
    expect(html).toMatch(/data-coupon-code="[^"]+"/);
    expect(html).toMatch(/<a id="balance-badge"[^>]*hx-swap-oob="true"[^>]*>.*700 积分/s);
    expect(html).toContain(`href="/me/orders/${orderId}"`);
    expect(await balanceOf(m.uid)).toBe(700);
  });

  it("gives the same order for the same key twice, and spends the points once", async () => {
    const m = await login();
    await givePoints(m.uid, 950);
    const { key, csrf } = await redeemForm(m.cookie, LATTE);
    const first = await (await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: csrf, key }, HX)).text();
    const again = await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: csrf, key }, HX);
    expect(again.status).toBe(200);
    const second = await again.text();
    expect(orderIdIn(second)).toBe(orderIdIn(first));
    expect(/data-coupon-code="([^"]+)"/.exec(second)?.[1]).toBe(/data-coupon-code="([^"]+)"/.exec(first)?.[1]);
    expect(await balanceOf(m.uid)).toBe(700);
  });

  it("works without JavaScript: the POST answers a whole result page", async () => {
    const m = await login();
    await givePoints(m.uid, 100);
    const { key, csrf } = await redeemForm(m.cookie, FREE_DELIVERY);
    const res = await post(`/items/${FREE_DELIVERY}/redeem`, m.cookie, { _csrf: csrf, key, qty: "1" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(orderIdIn(html)).toBeTruthy();
    expect(html).toMatch(/data-coupon-code="[^"]+"/);
    expect(html).toMatch(/id="balance-badge"[^>]*>.*90 积分/s);
  });

  it("redeems a service (virtual) item with its own message", async () => {
    const m = await login();
    await givePoints(m.uid, 100);
    const { key, csrf } = await redeemForm(m.cookie, CROISSANT);
    const res = await post(`/items/${CROISSANT}/redeem`, m.cookie, { _csrf: csrf, key }, HX);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(orderIdIn(html)).toBeTruthy();
    expect(html).toContain("到店出示订单号");
  });
});

describe("refusals", () => {
  it("not enough points: 409 INSUFFICIENT_POINTS with the balance, nothing spent, a fresh key for the retry", async () => {
    const m = await login(); // 50 积分
    const { key, csrf } = await redeemForm(m.cookie, LATTE);
    const res = await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: csrf, key }, HX);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(errorCodeIn(html)).toBe("INSUFFICIENT_POINTS");
    expect(html).toContain("积分不足：当前 50 积分，需要 300 积分");
    const fresh = /<input[^>]*id="redeem-key-1"[^>]*hx-swap-oob="true"[^>]*>/.exec(html)?.[0] ?? "";
    expect(inputValue(fresh, "key")).toMatch(/^[0-9a-f-]{36}$/);
    expect(inputValue(fresh, "key")).not.toBe(key);
    expect(await balanceOf(m.uid)).toBe(50);
    // without JS: the whole page, same status and code
    const page = await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: csrf, key: crypto.randomUUID() });
    expect(page.status).toBe(409);
    const body = await page.text();
    expect(body).toContain("<html");
    expect(errorCodeIn(body)).toBe("INSUFFICIENT_POINTS");
  });

  it("sold out: 409 SOLD_OUT", async () => {
    const m = await login();
    await givePoints(m.uid, 1000);
    const csrf = await csrfOf(m.cookie);
    const res = await post(
      `/items/${DRIP}/redeem`,
      m.cookie,
      { _csrf: csrf, key: crypto.randomUUID(), ...ADDRESS },
      HX,
    );
    expect(res.status).toBe(409);
    expect(errorCodeIn(await res.text())).toBe("SOLD_OUT");
  });

  it("per-member limit: 409 LIMIT_REACHED after the limit", async () => {
    const m = await login();
    await givePoints(m.uid, 2000);
    const csrf = await csrfOf(m.cookie);
    const COLD_BREW = 3; // limit 2
    for (let i = 0; i < 2; i++) {
      const ok = await post(`/items/${COLD_BREW}/redeem`, m.cookie, { _csrf: csrf, key: crypto.randomUUID() }, HX);
      expect(ok.status).toBe(200);
    }
    const res = await post(`/items/${COLD_BREW}/redeem`, m.cookie, { _csrf: csrf, key: crypto.randomUUID() }, HX);
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(errorCodeIn(html)).toBe("LIMIT_REACHED");
    expect(html).toContain("每人限兑");
  });

  it("a flash sale before its start: the button is disabled with the countdown and a forced POST is NOT_ON_SALE", async () => {
    const m = await login();
    await givePoints(m.uid, 2000);
    const { html, key, csrf } = await redeemForm(m.cookie, TUMBLER);
    expect(html).toMatch(/<button[^>]*disabled[^>]*>即将开抢<\/button>/);
    expect(html).toMatch(
      /class="redeem__hint" data-countdown-to="\d+" data-countdown-now="\d+">距开始 <span class="flash__clock" data-clock>\d\d:\d\d:\d\d/,
    );
    expect(html).toContain('hx-trigger="countdown-done"');
    const res = await post(`/items/${TUMBLER}/redeem`, m.cookie, { _csrf: csrf, key, ...ADDRESS }, HX);
    expect(res.status).toBe(409);
    expect(errorCodeIn(await res.text())).toBe("NOT_ON_SALE");
    expect(await balanceOf(m.uid)).toBe(2050);
  });

  it("an unknown item is 404", async () => {
    const m = await login();
    const res = await post(
      `/items/99999/redeem`,
      m.cookie,
      { _csrf: await csrfOf(m.cookie), key: crypto.randomUUID() },
      HX,
    );
    expect(res.status).toBe(404);
  });

  it("a malformed key (not the UUID the page renders) is 422 and redeems nothing", async () => {
    const m = await login();
    await givePoints(m.uid, 1000);
    const res = await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: await csrfOf(m.cookie), key: "<x>" }, HX);
    expect(res.status).toBe(422);
    expect(await balanceOf(m.uid)).toBe(1050);
  });
});

describe("a physical item's address", () => {
  it("without an address: 422 ADDRESS_REQUIRED, replacing the address step", async () => {
    const m = await login();
    await givePoints(m.uid, 1000);
    const { key, csrf } = await redeemForm(m.cookie, COOKIES);
    const res = await post(`/items/${COOKIES}/redeem`, m.cookie, { _csrf: csrf, key, addressId: "new" }, HX);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<fieldset id="address-fields-6"/);
    expect(errorCodeIn(html)).toBe("ADDRESS_REQUIRED");
    expect(await balanceOf(m.uid)).toBe(1050);
  });

  it("an invalid inline address: 422 with each error next to its field, the typed values kept, nothing written", async () => {
    const m = await login();
    await givePoints(m.uid, 1000);
    const { key, csrf } = await redeemForm(m.cookie, COOKIES);
    const res = await post(
      `/items/${COOKIES}/redeem`,
      m.cookie,
      { _csrf: csrf, key, addressId: "new", recipient: "李四", phone: "12345", region: "", detail: "1号" },
      HX,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<fieldset id="address-fields-6"/);
    expect(html).toMatch(/name="phone"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/data-field-error="phone">请填写正确的 11 位手机号/);
    expect(html).toMatch(/data-field-error="region">/);
    expect(html).toMatch(/data-field-error="detail">/);
    expect(html).not.toMatch(/data-field-error="recipient"/);
    expect(inputValue(html, "recipient")).toBe("李四");
    expect(await balanceOf(m.uid)).toBe(1050);
    expect(await (await get("/me/addresses", m.cookie)).text()).toContain("还没有收货地址");
    // without JS: the item page again, with the errors, status 422
    const page = await post(`/items/${COOKIES}/redeem`, m.cookie, {
      _csrf: csrf,
      key,
      addressId: "new",
      recipient: "李四",
      phone: "12345",
      region: "",
      detail: "1号",
    });
    expect(page.status).toBe(422);
    const body = await page.text();
    expect(body).toContain('<form id="redeem-form"');
    expect(body).toMatch(/data-field-error="phone"/);
  });

  it("a new inline address: redeemed, saved as the default, and on the order", async () => {
    const m = await login();
    await givePoints(m.uid, 1000);
    const { key, csrf } = await redeemForm(m.cookie, COOKIES);
    const res = await post(
      `/items/${COOKIES}/redeem`,
      m.cookie,
      { _csrf: csrf, key, addressId: "new", ...ADDRESS, phone: "138 1234 5678" },
      HX,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    const orderId = orderIdIn(html)!;
    expect(orderId).toBeTruthy();
    expect(html).toContain("张三 上海市 徐汇区 漕溪北路 100 号 3 楼");
    const book = await (await get("/me/addresses", m.cookie)).text();
    expect(book).toMatch(/data-default="true"[\s\S]*张三/);
    const detail = await (await get(`/me/orders/${orderId}`, m.cookie)).text();
    expect(detail).toContain("13812345678");
    expect(detail).toContain("漕溪北路 100 号 3 楼");
    // the next visit preselects the saved default
    const again = await redeemForm(m.cookie, COOKIES);
    expect(again.html).toMatch(/<input type="radio" name="addressId" value="\d+" checked/);
  });

  it("a saved address of another member is not usable (422, nothing redeemed)", async () => {
    const owner = await login();
    await post("/me/addresses", owner.cookie, { _csrf: await csrfOf(owner.cookie), ...ADDRESS });
    const ownerBook = await (await get("/me/addresses", owner.cookie)).text();
    const theirId = /data-address-id="(\d+)"/.exec(ownerBook)![1]!;
    const m = await login();
    await givePoints(m.uid, 1000);
    const { key, csrf } = await redeemForm(m.cookie, COOKIES);
    const res = await post(`/items/${COOKIES}/redeem`, m.cookie, { _csrf: csrf, key, addressId: theirId }, HX);
    expect(res.status).toBe(422);
    expect(errorCodeIn(await res.text())).toBe("ADDRESS_NOT_FOUND");
    expect(await balanceOf(m.uid)).toBe(1050);
  });
});

describe("protection", () => {
  it("requires the CSRF token and the same origin; nothing is redeemed", async () => {
    const m = await login();
    await givePoints(m.uid, 1000);
    const { key, csrf } = await redeemForm(m.cookie, LATTE);
    expect((await post(`/items/${LATTE}/redeem`, m.cookie, { key }, HX)).status).toBe(403);
    expect((await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: "0".repeat(40), key }, HX)).status).toBe(403);
    expect(
      (await post(`/items/${LATTE}/redeem`, m.cookie, { _csrf: csrf, key }, { ...HX, Origin: "https://evil.example" }))
        .status,
    ).toBe(403);
    expect(await balanceOf(m.uid)).toBe(1050);
  });

  it("a guest's POST gets the login prompt (401), a fragment for htmx and a page otherwise", async () => {
    const frag = await post(`/items/${LATTE}/redeem`, undefined, { key: crypto.randomUUID() }, HX);
    expect(frag.status).toBe(401);
    const html = await frag.text();
    expect(html).not.toContain("<html");
    expect(html).toContain("登录后才能签到和兑换");
    const page = await post(`/items/${LATTE}/redeem`, undefined, { key: crypto.randomUUID() });
    expect(page.status).toBe(401);
    expect(await page.text()).toContain("<html");
  });
});

describe("the redeem area alone (htmx refresh when a sale opens)", () => {
  it("answers the area fragment to htmx, and redirects a browser to the item", async () => {
    const m = await login();
    const frag = await get(`/items/${TUMBLER}/redeem?in=flash`, m.cookie, HX);
    expect(frag.status).toBe(200);
    const html = await frag.text();
    expect(html).toMatch(/^<section id="redeem-area-9"/);
    expect(html).toContain('id="redeem-form-9"');
    const browser = await get(`/items/${TUMBLER}/redeem`, m.cookie);
    expect(browser.status).toBe(303);
    expect(browser.headers.get("location")).toBe("/items/9");
  });
});
