// 抽奖活动 in the console through the real Worker: create a lottery with the form (a double submit is one
// lottery and one audit row), see it on the member's side, edit a prize's stock and weight (the object adopts
// the new version, keeping the awards), and read draws and winners; a bad form is a 422 that writes nothing.
import { env } from "cloudflare:workers";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { auditLog, lotteries } from "../../../db/schema";
import { lotteryFor } from "../../lottery/lottery-stub";
import { versionedOf } from "../../lottery/rows";
import { mallRules, memberWith } from "../../redeem/test-support";
import { get, post } from "../../shop/test-session";
import { ownerSession } from "../test-admin";

const db = () => getDb(env.TURSO_DATABASE_URL);

function form(csrf: string, ref: string, over: Record<string, string> = {}) {
  return {
    _csrf: csrf,
    ref,
    name: "后台转盘",
    kind: "wheel",
    costPoints: "5",
    dailyLimit: "3",
    totalLimit: "",
    freeDrawsPerDay: "1",
    startsAt: "",
    endsAt: "",
    prize_name_0: "10 积分",
    prize_kind_0: "points",
    prize_points_0: "10",
    prize_weight_0: "1",
    prize_stock_0: "1",
    prize_name_1: "谢谢参与",
    prize_kind_1: "none",
    prize_weight_1: "1",
    ...over,
  };
}

describe("console lotteries", () => {
  it("creates (once per form), edits stock and weight, and shows prize stock, draws and winners", async () => {
    const s = await ownerSession("/admin/lotteries");
    const ref = `console:${crypto.randomUUID()}`;
    const first = await post("/admin/lotteries", s.cookie, form(s.csrf, ref));
    expect(first.status).toBe(303);
    const at = first.headers.get("location")!;
    expect(at).toMatch(/^\/admin\/lotteries\/L[0-9a-f]{12}$/);
    const again = await post("/admin/lotteries", s.cookie, form(s.csrf, ref));
    expect(again.headers.get("location")).toBe(at);
    const id = at.split("/").pop()!;
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, `lottery:${id}`), eq(auditLog.action, "lottery.create")));
    expect(audits).toHaveLength(1);

    const [row] = await db().select().from(lotteries).where(eq(lotteries.id, id));
    const uid = await memberWith(100, "adm");
    const rules = await mallRules();
    for (let i = 0; i < 3; i++)
      await lotteryFor(env, id).draw({
        ...versionedOf(row!),
        uid,
        key: crypto.randomUUID(),
        now: Date.now(),
        rules,
        address: null,
      });

    const page = await (await get(at, s.cookie)).text();
    expect(page).toContain("后台转盘");
    expect(page).toMatch(/data-prize-id="p1"/);
    expect((page.match(/data-draw-key=/g) ?? []).length).toBeGreaterThanOrEqual(3);

    // Edit: the 10-point prize gets stock 5 and weight 3 — its award(s) so far still counted.
    const status1 = await lotteryFor(env, id).status(versionedOf(row!));
    const awarded = status1.prizes[0]!.awarded;
    const edit = await post(
      at,
      s.cookie,
      form(s.csrf, "", { prize_id_0: "p1", prize_id_1: "p2", prize_stock_0: "5", prize_weight_0: "3" }),
    );
    expect(edit.status).toBe(303);
    const [row2] = await db().select().from(lotteries).where(eq(lotteries.id, id));
    expect(row2!.version).toBe(2);
    const status2 = await lotteryFor(env, id).status(versionedOf(row2!));
    expect(status2.prizes[0]).toMatchObject({ id: "p1", stock: 5, weight: 3, awarded, left: 5 - awarded });
    const updates = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, `lottery:${id}`), eq(auditLog.action, "lottery.update")));
    expect(updates).toHaveLength(1);
  });

  it("a bad form is a 422 that writes nothing; a bad CSRF token is a 403", async () => {
    const s = await ownerSession("/admin/lotteries");
    const ref = `console:${crypto.randomUUID()}`;
    const bad = await post("/admin/lotteries", s.cookie, form(s.csrf, ref, { prize_weight_0: "0" }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('data-error-code="VALIDATION_FAILED"');
    expect(await db().select().from(lotteries).where(eq(lotteries.ref, ref))).toHaveLength(0);
    expect((await post("/admin/lotteries", s.cookie, form("nope", ref))).status).toBe(403);
  });
});
