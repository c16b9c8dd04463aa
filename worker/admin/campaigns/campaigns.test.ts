// 活动 /admin/campaigns through the real Worker: a 积分翻倍日 campaign created (a double submit saves one),
// listed with its state, edited, ended; bad input refused with nothing saved; the birthday and make-up rules
// saved with their audit rows; the settings form's save keeps the campaign rules; operators are refused.
// Campaigns here lie in 2090 and the rules are put back, so other test files earning today are not affected.
import { env } from "cloudflare:workers";
import { desc, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../../db/client";
import { auditLog } from "../../../db/schema";
import { loadSettingsFresh } from "../../settings/load-settings";
import { SELF } from "cloudflare:test";
import { ownerSession, postForm } from "../test-admin";

const db = () => getDb(env.TURSO_DATABASE_URL);
const get = (path: string, cookie: string) =>
  SELF.fetch(`http://mall.test${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
const rules = async () => (await loadSettingsFresh(db())).rules;

function form(csrf: string, fields: Record<string, string | string[]>): URLSearchParams {
  const p = new URLSearchParams({ _csrf: csrf });
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p;
}

describe("活动 /admin/campaigns", () => {
  it("creates a 积分翻倍日 once per form, lists, edits and ends it; refuses bad input", async () => {
    const { cookie, csrf } = await ownerSession("/admin/campaigns");
    const page = await (await get("/admin/campaigns", cookie)).text();
    const id = /name="id" value="([a-z0-9]+)"/.exec(page)?.[1];
    expect(id).toMatch(/^[a-z0-9]{12}$/);
    const fields = {
      id: id!,
      name: "周末双倍",
      multiplier: "2",
      sources: ["purchase", "checkin"],
      from: "2090-01-01",
      to: "2090-12-31",
      weekdays: ["6", "7"],
      enabled: "on",
    };
    for (let i = 0; i < 2; i++) {
      const res = await postForm("/admin/campaigns", cookie, form(csrf, fields));
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/admin/campaigns?saved=1");
    }
    let saved = (await rules()).campaigns.filter((c) => c.id === id);
    expect(saved).toEqual([
      {
        id,
        name: "周末双倍",
        multiplier: 2,
        sources: ["purchase", "checkin"],
        from: "2090-01-01",
        to: "2090-12-31",
        weekdays: [6, 7],
        enabled: true,
      },
    ]);
    const list = await (await get("/admin/campaigns?saved=1", cookie)).text();
    expect(list).toMatch(new RegExp(`data-campaign-id="${id}" data-state="upcoming"`));
    expect(list).toContain("每周六、日");

    // edit: the form comes back filled; a wider window and ×3
    const edit = await (await get(`/admin/campaigns?edit=${id}`, cookie)).text();
    expect(edit).toContain("编辑「周末双倍」");
    expect(edit).toContain('value="2090-12-31"');
    expect(
      (await postForm("/admin/campaigns", cookie, form(csrf, { ...fields, multiplier: "3", weekdays: [] }))).status,
    ).toBe(303);
    saved = (await rules()).campaigns.filter((c) => c.id === id);
    expect(saved[0]).toMatchObject({ multiplier: 3, weekdays: [] });

    // bad input: 422 with the reason, nothing saved
    for (const bad of [
      { multiplier: "1" },
      { multiplier: "11" },
      { sources: [] },
      { sources: ["signup_bonus"] },
      { from: "2090-02-30" },
      { from: "2091-01-01" },
      { name: "" },
      { weekdays: ["8"] },
    ]) {
      const res = await postForm("/admin/campaigns", cookie, form(csrf, { ...fields, ...bad }));
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(await res.text()).toContain("请检查");
    }
    expect((await rules()).campaigns.filter((c) => c.id === id)[0]).toMatchObject({ multiplier: 3, to: "2090-12-31" });
    expect((await get("/admin/campaigns?edit=nosuch", cookie)).status).toBe(404);

    // end: disabled, listed as 已停用, no end button
    expect((await postForm("/admin/campaigns/end", cookie, form(csrf, { id: id! }))).status).toBe(303);
    expect((await rules()).campaigns.find((c) => c.id === id)?.enabled).toBe(false);
    const ended = await (await get("/admin/campaigns", cookie)).text();
    expect(ended).toMatch(new RegExp(`data-campaign-id="${id}" data-state="off"`));
    expect((await postForm("/admin/campaigns/end", cookie, form(csrf, { id: "nosuch" }))).status).toBe(404);

    const audit = await db()
      .select()
      .from(auditLog)
      .where(like(auditLog.target, `campaign:${id}`))
      .orderBy(desc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(["campaign.end", "campaign.update", "campaign.create"]);
  });

  it("saves the birthday and make-up rules (bad values refused); the settings form keeps every campaign rule", async () => {
    const { cookie, csrf } = await ownerSession("/admin/campaigns");
    const before = await rules();
    try {
      expect(
        (await postForm("/admin/campaigns/birthday", cookie, form(csrf, { multiplier: "0.5", scope: "day" }))).status,
      ).toBe(422);
      expect(
        (await postForm("/admin/campaigns/birthday", cookie, form(csrf, { multiplier: "2", scope: "year" }))).status,
      ).toBe(422);
      expect(
        (await postForm("/admin/campaigns/makeup", cookie, form(csrf, { cost: "-1", perMonth: "2" }))).status,
      ).toBe(422);
      expect(
        (await postForm("/admin/campaigns/makeup", cookie, form(csrf, { cost: "5", perMonth: "32" }))).status,
      ).toBe(422);
      expect(await rules()).toEqual(before);

      expect(
        (await postForm("/admin/campaigns/birthday", cookie, form(csrf, { multiplier: "2", scope: "month" }))).status,
      ).toBe(303);
      expect(
        (await postForm("/admin/campaigns/makeup", cookie, form(csrf, { cost: "20", perMonth: "3" }))).status,
      ).toBe(303);
      const after = await rules();
      expect(after.birthday).toEqual({ multiplier: 2, scope: "month" });
      expect(after.makeup).toEqual({ cost: 20, perMonth: 3 });

      // The settings page's rules form (which has no campaign fields) saves without touching them.
      const settingsHtml = await (await get("/admin/settings", cookie)).text();
      const rulesForm = /<form[^>]*action="\/admin\/settings\/rules"[\s\S]*?<\/form>/.exec(settingsHtml)?.[0] ?? "";
      const body = new URLSearchParams();
      for (const m of rulesForm.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) body.append(m[1]!, m[2]!);
      for (const m of rulesForm.matchAll(/<select[^>]*name="([^"]+)"[\s\S]*?<option[^>]*value="([^"]*)"[^>]*selected/g))
        body.append(m[1]!, m[2]!);
      body.set("newMemberBonus", "50");
      const saved = await postForm("/admin/settings/rules", cookie, body);
      expect(saved.status).toBe(303);
      const kept = await rules();
      expect({ campaigns: kept.campaigns, birthday: kept.birthday, makeup: kept.makeup }).toEqual({
        campaigns: after.campaigns,
        birthday: after.birthday,
        makeup: after.makeup,
      });
    } finally {
      await postForm(
        "/admin/campaigns/birthday",
        cookie,
        form(csrf, { multiplier: String(before.birthday.multiplier), scope: before.birthday.scope }),
      );
      await postForm(
        "/admin/campaigns/makeup",
        cookie,
        form(csrf, { cost: String(before.makeup.cost), perMonth: String(before.makeup.perMonth) }),
      );
    }
    const restored = await rules();
    expect({ birthday: restored.birthday, makeup: restored.makeup }).toEqual({
      birthday: before.birthday,
      makeup: before.makeup,
    });
  });
});
