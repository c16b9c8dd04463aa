// The rules preview through the real Worker on a known case: new figures next to the saved ones (the
// default rules), members per tier counted from balance_projection (a tier no other test's member can
// reach, so the count is exactly ours) and the existing lots expiring soon. A preview saves nothing.
import { inArray, like } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { auditLog, balanceProjection } from "../../../db/schema";
import { formatDateTime } from "../../../views/format";
import { HX } from "../../shop/test-session";
import { expiresAtFor } from "../../wallet/expiry-policy";
import { postForm } from "../test-admin";
import { db, owner, rulesBody, settingsRow } from "./test-settings";

const DAY = 86_400_000;
const uids = [`pv-${crypto.randomUUID()}`, `pv-${crypto.randomUUID()}`];
const WHALE = 900_000_000 + Math.floor(Math.random() * 1_000_000);

afterAll(async () => {
  await db().delete(balanceProjection).where(inArray(balanceProjection.uid, uids));
});

const NEW_RULES = {
  pointsPerYuan: "2",
  checkin: ["10", "10", "10", "10", "10", "10", "10"],
  caps: { checkin: "", other: "300" },
  expiryKind: "days",
  expiryDays: "30",
  tiers: [
    { key: "standard", name: "普通", threshold: "0", multiplier: "1" },
    { key: "gold", name: "黄金", threshold: "2000", multiplier: "1.5" },
    { key: "whale", name: "巨鲸", threshold: String(WHALE), multiplier: "2" },
  ],
};

/** The text of the element carrying `attr` (first match). */
function figure(html: string, attr: string): string {
  const m = new RegExp(`<(\\w+)[^>]*${attr}[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return (m?.[2] ?? "").replace(/<[^>]+>/g, "");
}

describe("rules preview", () => {
  it("shows each figure under the pending rules next to the saved ones, and saves nothing", async () => {
    const now = Date.now();
    await db()
      .insert(balanceProjection)
      .values(
        uids.map((uid, i) => ({
          uid,
          balance: 100,
          tier: "diamond",
          earnedLast12Months: WHALE + i,
          expiring: [
            { expiresAt: now + 10 * DAY, points: 7 },
            { expiresAt: now + 60 * DAY, points: 11 },
            { expiresAt: now + 200 * DAY, points: 1000 },
          ],
        })),
      );
    const own = await owner();
    const before = await settingsRow();
    const res = await postForm("/admin/settings/rules/preview", own.cookie, rulesBody(own.csrf, NEW_RULES), HX);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).toContain('id="rules-preview"');

    // a ¥100 purchase per tier: 2 points per ¥ × multiplier (saved: 1 per ¥ × 1 / 1.2 / 1.5)
    expect(figure(html, 'data-preview-purchase="standard"')).toBe("普通：200 积分（现为 100 积分）");
    expect(figure(html, 'data-preview-purchase="gold"')).toBe("黄金：300 积分（现为 120 积分）");
    expect(figure(html, 'data-preview-purchase="whale"')).toBe("巨鲸：400 积分（现为 —）");
    expect(figure(html, 'data-preview-purchase="diamond"')).toBe("钻石：—（现为 150 积分）");
    // a week of check-ins: 7 × 10 (saved: 5+8+10+12+15+18+20)
    expect(figure(html, "data-preview-checkin")).toBe("70 积分（现为 88 积分）");
    expect(figure(html, "data-preview-bonus")).toBe("50 积分（不变）");
    expect(figure(html, 'data-preview-cap="checkin"')).toBe("签到（含补签）：不设上限（现为 100 积分）");
    expect(figure(html, 'data-preview-cap="task"')).toBe("任务：100 积分（不变）");
    expect(figure(html, 'data-preview-cap="other"')).toBe("接口发放（其他）：300 积分（现为 不设上限）");
    // members per tier: nobody else has earned anywhere near WHALE points
    expect(figure(html, 'data-preview-tier="whale"')).toBe("巨鲸：2 人（现为 —）");
    // points earned today: 30 days (saved: the end of next year)
    const tz = before.timeZone;
    const next = formatDateTime(now + 30 * DAY, tz);
    const was = formatDateTime(expiresAtFor(now, { expiry: { kind: "end_of_year", years: 1 }, timeZone: tz })!, tz);
    const expiry = figure(html, "data-preview-expiry");
    expect(expiry.slice(0, 10)).toBe(next.slice(0, 10));
    expect(expiry).toContain(`（现为 ${was}）`);
    // existing lots keep their dates: ours add 7 within 30 days and 18 within 90, never the 1000
    const e30 = Number(/data-preview-expiring30="(\d+)"/.exec(html)?.[1]);
    const e90 = Number(/data-preview-expiring90="(\d+)"/.exec(html)?.[1]);
    expect(e30).toBeGreaterThanOrEqual(14);
    expect(e90).toBeGreaterThanOrEqual(36);
    expect(e90 - e30).toBeGreaterThanOrEqual(22);
    expect(figure(html, "data-preview-lots-note")).toContain("已有积分仍按获得时的到期日过期");

    // nothing saved (compared by content: settings.test.ts saves harmless changes meanwhile)
    expect(JSON.stringify((await settingsRow()).rules)).not.toContain("whale");
    expect(
      await db()
        .select()
        .from(auditLog)
        .where(like(auditLog.after, `%${WHALE}%`)),
    ).toEqual([]);
  });

  it("without JS the 预览 button answers the whole page with the preview and the posted values", async () => {
    const own = await owner();
    const res = await postForm("/admin/settings/rules/preview", own.cookie, rulesBody(own.csrf, NEW_RULES));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<html");
    expect(figure(html, "data-preview-checkin")).toBe("70 积分（现为 88 积分）");
    expect(html).toContain(`value="${WHALE}"`);
  });

  it("an invalid form previews as a 422 listing what to fix", async () => {
    const own = await owner();
    const res = await postForm(
      "/admin/settings/rules/preview",
      own.cookie,
      rulesBody(own.csrf, { tiers: [{ key: "standard", name: "普通", threshold: "10", multiplier: "1" }] }),
      HX,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("data-preview-errors");
    expect(html).toContain("等级 1 · 门槛（积分）：第一个等级的门槛必须是 0");
  });
});
