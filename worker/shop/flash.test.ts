// 限时秒杀 (/flash) through the real Worker: the sale with its clock, the polled stock badge (a fragment
// endpoint), the per-member limit and the redeem form; guests see how to log in.
import { describe, expect, it } from "vitest";
import { DEMO_ITEMS } from "../../db/seed-data";
import { get, HX, login } from "./test-session";

const TUMBLER = DEMO_ITEMS.findIndex((i) => i.flash) + 1;

describe("/flash", () => {
  it("shows the flash sale with its countdown, stock badge polled every 3 s, limit and redeem form", async () => {
    const m = await login();
    const res = await get("/flash", m.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<title>限时秒杀 - ");
    expect(html).toContain("保温随行杯");
    expect(html).toMatch(/data-countdown-to="\d+"/);
    expect(html).toMatch(
      new RegExp(
        `<span id="flash-stock-${TUMBLER}"[^>]*hx-get="/flash/${TUMBLER}/stock" hx-trigger="every 3s" hx-swap="outerHTML">剩余 \\d+ 件</span>`,
      ),
    );
    expect(html).toContain("每人限兑 1 件");
    expect(html).toContain(`<form id="redeem-form-${TUMBLER}"`);
    expect(html).toContain(`hx-get="/items/${TUMBLER}/redeem?in=flash"`);
    expect(html).toMatch(/<button[^>]*disabled[^>]*>即将开抢<\/button>/);
  });

  it("shows guests the sale and how to log in instead of the form", async () => {
    const html = await (await get("/flash")).text();
    expect(html).toContain("保温随行杯");
    expect(html).not.toContain("redeem-form");
    expect(html).toContain("登录后才能签到和兑换");
  });

  it("answers the stock badge alone, and 404 for an item that is not a flash sale", async () => {
    const res = await get(`/flash/${TUMBLER}/stock`, undefined, HX);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(new RegExp(`^<span id="flash-stock-${TUMBLER}"[^>]*data-stock="\\d+"`));
    expect((await get("/flash/1/stock", undefined, HX)).status).toBe(404);
    expect((await get("/flash/abc/stock", undefined, HX)).status).toBe(404);
  });
});
