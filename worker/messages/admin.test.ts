// 设置 → 消息通知 in the console: the owner saves N days and a template per kind (audited); bad input is a 422
// with the field's message and saves nothing.
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { ownerSession } from "../admin/test-admin";
import { get } from "../shop/test-session";
import { loadMessageSettings } from "./settings";
import { db, saveMessageSettingsForm, TEMPLATES } from "./test-support";

describe("console: message settings", () => {
  it("saves N days and the templates, with an audit row; the page shows them", async () => {
    const res = await saveMessageSettingsForm({ expiryDays: "7" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin/settings/messages?saved=1");
    const s = await loadMessageSettings(db());
    expect(s).toMatchObject({
      expiryDays: 7,
      templates: { order_shipped: TEMPLATES.template_order_shipped },
      siteOrigin: "http://mall.test",
    });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.target, "message_settings"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit).toMatchObject({ action: "settings.update", actor: "owner@example.com" });
    const owner = await ownerSession("/admin/settings/messages");
    const html = await (await get("/admin/settings/messages?saved=1", owner.cookie)).text();
    expect(html).toContain('data-saved="messages"');
    expect(html).toContain(`value="${TEMPLATES.template_order_shipped}"`);
    expect(html).toMatch(/id="expiry-days"[^>]*value="7"/);
  });

  it("refuses bad days and bad template ids with 422, saving nothing", async () => {
    const before = await loadMessageSettings(db());
    for (const [fields, field] of [
      [{ expiryDays: "91" }, "expiryDays"],
      [{ expiryDays: "-1" }, "expiryDays"],
      [{ expiryDays: "abc" }, "expiryDays"],
      [{ expiryDays: "7", template_task_reward: "bad id<script>" }, "template_task_reward"],
    ] as const) {
      const res = await saveMessageSettingsForm(fields);
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(`data-field-error="${field}"`);
    }
    expect(await loadMessageSettings(db())).toEqual(before);
  });
});
