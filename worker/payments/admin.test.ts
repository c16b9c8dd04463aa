// 支付 in the console: the settings (validated, secrets sealed and never rendered again, the notify URL shown,
// an audit row without secrets), 退款 from the payments list, and the reconciliation CSV listing exactly the
// differences against the fake provider's bill.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, paymentSettings } from "../../db/schema";
import { ownerSession, pageCsrf, postForm } from "../admin/test-admin";
import { db } from "../redeem/test-support";
import { invitedOperator } from "../admin/test-security";
import { applyRefund, refundDeps, refundNo, refundPayment } from "./refund-payment";
import { startPayment } from "./start-payment";
import {
  cashOrder,
  configurePayments,
  deliver,
  fake,
  fakePay,
  lastNotice,
  orderRow,
  paymentRow,
  provider,
} from "./test-support";

beforeAll(() => configurePayments());

const get = (path: string, cookie: string) => SELF.fetch(`http://mall.test${path}`, { headers: { Cookie: cookie } });

async function paid(deliverNotice: boolean, reportedTotal?: number) {
  const o = await cashOrder();
  const s = await startPayment(await provider(), db(), {
    orderId: o.order.id,
    uid: o.uid,
    channel: "h5",
    clientIp: "127.0.0.1",
    origin: "http://mall.test",
    now: Date.now(),
  });
  expect(s.ok).toBe(true);
  expect((await fake("POST", `/orders/${o.order.id}/pay`, reportedTotal ? { reportedTotal } : {})).status).toBe(200);
  if (deliverNotice) expect((await deliver(await lastNotice(o.order.id))).status).toBe(204);
  return o.order.id;
}

describe("the console's payments", () => {
  it("saves the merchant settings; secrets are never shown again; bad input changes nothing", async () => {
    const f = fakePay();
    const { cookie, csrf } = await ownerSession("/admin/payments");
    const html = await (await get("/admin/payments", cookie)).text();
    expect(html).toMatch(/<code data-notify-url[^>]*>http:\/\/mall\.test\/payments\/wechatpay\/notify<\/code>/);
    expect(html).not.toContain(f.apiV3Key);
    expect(html).not.toContain("PRIVATE KEY");
    const before = await db().select().from(paymentSettings);
    const bad = await postForm(
      "/admin/payments/settings",
      cookie,
      new URLSearchParams({
        _csrf: csrf,
        enabled: "1",
        mchid: "12",
        appid: "nope",
        merchantSerialNo: "X",
        platformSerialNo: "Y",
        platformPublicKey: "",
        apiV3Key: "short",
        privateKey: "",
      }),
    );
    expect(bad.status).toBe(422);
    const badHtml = await bad.text();
    expect(badHtml).toContain('data-field-error="mchid"');
    expect(badHtml).toContain('data-field-error="apiV3Key"');
    expect(await db().select().from(paymentSettings)).toEqual(before);
    // the same values again, secrets left empty: kept
    const ok = await postForm(
      "/admin/payments/settings",
      cookie,
      new URLSearchParams({
        _csrf: csrf,
        enabled: "1",
        mchid: f.mchid,
        appid: f.appids[0]!,
        merchantSerialNo: f.merchantSerialNo,
        platformSerialNo: f.platformSerialNo,
        platformPublicKey: f.platformPublicKeyPem,
        apiV3Key: "",
        privateKey: "",
      }),
    );
    expect(ok.status).toBe(200);
    const okHtml = await ok.text();
    expect(okHtml).toContain("已设置（不再显示；留空则保留）");
    expect(okHtml).not.toContain(f.apiV3Key);
    const [row] = await db().select().from(paymentSettings);
    expect(row!.apiV3KeySealed).toBe(before[0]!.apiV3KeySealed);
    expect(row!.apiV3KeySealed).not.toContain(f.apiV3Key);
    expect(await provider()).toBeTruthy(); // still opens
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "admin.payment_settings"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit!.after).toContain('"apiV3Key":"kept"');
    expect(audit!.after).not.toContain(f.apiV3Key);
  });

  it("refunds from the list, and the reconciliation CSV lists exactly the differences", async () => {
    const matched = await paid(true);
    const lost = await paid(false); // paid at the provider, the mall never heard
    const refunded = await paid(true);
    const { cookie, csrf } = await ownerSession("/admin/payments");
    const list = await (await get("/admin/payments", cookie)).text();
    expect(list).toContain(`data-refund="${refunded}"`);
    const r = await postForm(`/admin/payments/${refunded}/refund`, cookie, new URLSearchParams({ _csrf: csrf }));
    expect(r.status).toBe(200);
    expect((await paymentRow(refunded))?.state).toMatch(/^refund(ing|ed)$/);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const res = await get(`/admin/payments/reconcile.csv?date=${today}`, cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const csv = await res.text();
    expect(csv).toContain(`${lost},MISSING_IN_MALL,1000,1000,pending,SUCCESS`);
    expect(csv).not.toContain(matched);
    expect(csv).not.toContain(`${refunded},`);
    expect((await get("/admin/payments/reconcile.csv?date=bad", cookie)).status).toBe(400);
  });

  it("refuses a payment window outside 5–1440 minutes and changes nothing; a valid one is saved and shown", async () => {
    const f = fakePay();
    const { cookie, csrf } = await ownerSession("/admin/payments");
    const form = (payWindowMinutes: string) =>
      new URLSearchParams({
        _csrf: csrf,
        enabled: "1",
        mchid: f.mchid,
        appid: f.appids[0]!,
        merchantSerialNo: f.merchantSerialNo,
        platformSerialNo: f.platformSerialNo,
        platformPublicKey: f.platformPublicKeyPem,
        apiV3Key: "",
        privateKey: "",
        payWindowMinutes,
      });
    const before = await db().select().from(paymentSettings);
    for (const bad of ["4", "1441", "15.5", "", "abc", "-1"]) {
      const res = await postForm("/admin/payments/settings", cookie, form(bad));
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('data-field-error="payWindowMinutes"');
    }
    expect(await db().select().from(paymentSettings)).toEqual(before);
    const ok = await postForm("/admin/payments/settings", cookie, form("15"));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/name="payWindowMinutes"[^>]*value="15"/);
  });

  it("shows each cash order's payment on its console page, with 退款 for owners only", async () => {
    const id = await paid(true);
    const owner = await ownerSession("/admin/orders");
    const html = await (await get(`/admin/orders/${id}`, owner.cookie)).text();
    expect(html).toContain('data-payment-panel="paid"');
    expect(html).toContain('data-field="pay-transaction"');
    expect(html).toContain('data-field="pay-deadline"');
    expect(html).toContain(`data-refund="${id}"`);
    const op = await invitedOperator(owner.cookie, "pay-panel");
    const opHtml = await (await get(`/admin/orders/${id}`, op.cookie)).text();
    expect(opHtml).toContain('data-payment-panel="paid"');
    expect(opHtml).not.toContain(`data-refund="${id}"`);
    // before the member starts paying: the order's own deadline
    const fresh = await cashOrder();
    const freshHtml = await (await get(`/admin/orders/${fresh.order.id}`, owner.cookie)).text();
    expect(freshHtml).toContain('data-payment-panel="none"');
    expect(freshHtml).toContain('data-field="pay-deadline"');
    // the deadline the order was born with (the default window)
    expect((await orderRow(fresh.order.id)).payDeadlineAt).toBe(fresh.order.createdAt + 15 * 60_000);
  });

  it("tells the owner of a flagged payment and of a refund WeChat Pay reports abnormal, until handled", async () => {
    const flagged = await paid(true, 1);
    expect((await paymentRow(flagged))?.state).toBe("flagged");
    // a refund under way that the provider then reports ABNORMAL (e.g. the member's card was closed)
    const stuck = await paid(true);
    const base = refundDeps(env, await provider());
    await expect(
      refundPayment(
        {
          ...base,
          after: (s) => {
            if (s === "mark") throw new Error("crash");
          },
        },
        db(),
        { orderId: stuck, reason: "缺货", origin: "http://mall.test", now: Date.now() },
      ),
    ).rejects.toThrow("crash");
    await applyRefund(
      db(),
      { refundNo: refundNo(stuck), refundId: `50${stuck}`, orderId: stuck, status: "abnormal", amountFen: 1000 },
      Date.now(),
    );
    expect(await paymentRow(stuck)).toMatchObject({ state: "refunding", refundStatus: "abnormal" });
    const owner = await ownerSession("/admin/dashboard");
    for (const path of ["/admin/dashboard", "/admin/payments"]) {
      const html = await (await get(path, owner.cookie)).text();
      expect(html).toContain(`data-attention="${flagged}"`);
      expect(html).toContain(`data-attention="${stuck}"`);
    }
    const op = await invitedOperator(owner.cookie, "pay-attention");
    expect(await (await get("/admin/dashboard", op.cookie)).text()).not.toContain("data-payment-attention");
    // refunding the flagged one from 支付 ends its notice
    const csrf = await pageCsrf(owner.cookie, "/admin/payments");
    const refund = await postForm(
      `/admin/payments/${flagged}/refund`,
      owner.cookie,
      new URLSearchParams({ _csrf: csrf }),
    );
    expect(refund.status, /role="status">\s*<p>([^<]*)/.exec(await refund.text())?.[1]).toBe(200);
    expect(await (await get("/admin/dashboard", owner.cookie)).text()).not.toContain(`data-attention="${flagged}"`);
  });
});
