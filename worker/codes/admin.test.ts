// The console's 兑换码 section through the real Worker: a batch made by the form shows its codes and a CSV once
// (a double submit makes nothing more and shows nothing), bad values are refused with nothing written, the list
// counts used and unused codes, and a disabled batch's codes are refused; every change is in the audit log.
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, codeBatches, redeemCodes } from "../../db/schema";
import { t } from "../../views/i18n";
import { ownerSession } from "../admin/test-admin";
import { db } from "../redeem/test-support";
import { csrfOf, get, login, post } from "../shop/test-session";
import { redeem } from "./test-support";

const form = (csrf: string, over: Record<string, string> = {}) => ({
  _csrf: csrf,
  ref: `console:${crypto.randomUUID()}`,
  name: "门店卡",
  points: "8",
  count: "3",
  expiresAt: "",
  perMemberLimit: "",
  ...over,
});

describe("console: redeem codes", () => {
  it("creates a batch and shows its codes and CSV once; lists used/unused; disables it", async () => {
    const owner = await ownerSession("/admin/codes");
    const body = form(owner.csrf, { name: `门店卡-${crypto.randomUUID().slice(0, 6)}` });
    const res = await post("/admin/codes", owner.cookie, body);
    expect(res.status).toBe(200);
    const html = await res.text();
    const codes = /<textarea[^>]*data-codes-list[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1]?.split("\n") ?? [];
    expect(codes).toHaveLength(3);
    const csv = decodeURIComponent(/href="data:text\/csv;charset=utf-8,([^"]*)"/.exec(html)?.[1] ?? "");
    for (const c of codes) expect(csv).toContain(`${c},8,${body.name}`);
    expect(html).toContain(t("admin.codes.onceWarning"));
    const [batch] = await db().select().from(codeBatches).where(eq(codeBatches.ref, body.ref));
    expect(batch).toMatchObject({ name: body.name, points: 8, count: 3, createdBy: expect.any(String) });

    // The same form again: nothing more made, no codes shown.
    const again = await (await post("/admin/codes", owner.cookie, body)).text();
    expect(again).toContain(t("admin.codes.alreadyCreated"));
    expect(again).not.toContain("data-codes-list");
    expect(await db().select().from(redeemCodes).where(eq(redeemCodes.batchId, batch!.id))).toHaveLength(3);

    const m = await login();
    const csrf = await csrfOf(m.cookie);
    expect((await redeem(m, csrf, codes[0]!)).status).toBe(200);
    const list = await (await get("/admin/codes", owner.cookie)).text();
    const row = new RegExp(`data-batch-id="${batch!.id}"[\\s\\S]*?data-used="?[^>]*>1<[\\s\\S]*?data-unused[^>]*>2<`);
    expect(list).toMatch(row);
    expect(list).not.toContain(codes[1]!);

    const off = await post(`/admin/codes/${batch!.id}/disable`, owner.cookie, { _csrf: owner.csrf });
    expect(off.status).toBe(303);
    expect((await redeem(m, csrf, codes[1]!)).status).toBe(409);
    const actions = (
      await db()
        .select()
        .from(auditLog)
        .where(eq(auditLog.target, `code_batch:${batch!.id}`))
        .orderBy(desc(auditLog.id))
    ).map((a) => a.action);
    expect(actions).toEqual(["codes.batch_disable", "codes.batch_create"]);
    expect((await post("/admin/codes/C000000000000/disable", owner.cookie, { _csrf: owner.csrf })).status).toBe(404);
  });

  it("refuses bad values (422, the form kept) and writes nothing", async () => {
    const owner = await ownerSession("/admin/codes");
    const cases: Record<string, string>[] = [
      { points: "0" },
      { count: "10001" },
      { count: "abc" },
      { name: "" },
      { expiresAt: "2020-01-01T00:00" },
      { expiresAt: "not a time" },
      { perMemberLimit: "-1" },
    ];
    for (const over of cases) {
      const body = form(owner.csrf, over);
      const res = await post("/admin/codes", owner.cookie, body);
      expect(res.status, JSON.stringify(over)).toBe(422);
      expect(await db().select().from(codeBatches).where(eq(codeBatches.ref, body.ref))).toHaveLength(0);
    }
    expect((await post("/admin/codes", owner.cookie, form("bad-csrf"))).status).toBe(403);
  });
});
