// Issue 14 (medium): the merchant's earning limits in 设置 → 积分规则 — the most points one earning may credit
// and one member may earn in a day — are fields of the rules form, validated, and shown in the preview next
// to the saved values. (Enforcement is the wallet's: worker/api/earn-bounds.test.ts.)
import { describe, expect, it } from "vitest";
import { get, HX } from "../../shop/test-session";
import { postForm } from "../test-admin";
import { owner, rulesBody, settingsRow } from "./test-settings";

const figure = (html: string, attr: string) =>
  (new RegExp(`<(\\w+)[^>]*${attr}[^>]*>([\\s\\S]*?)</\\1>`).exec(html)?.[2] ?? "").replace(/<[^>]+>/g, "");

describe("earning limits in the settings", () => {
  it("the rules form shows both limits with their saved values (the defaults: 100,000 and 1,000,000)", async () => {
    const own = await owner();
    const html = await (await get("/admin/settings", own.cookie)).text();
    expect(html).toMatch(/<input[^>]*name="maxPerEarning"[^>]*value="100000"/);
    expect(html).toMatch(/<input[^>]*name="maxPerMemberDay"[^>]*value="1000000"/);
    expect(html).toContain("单次获得积分上限");
    expect(html).toContain("每位会员每日积分上限");
  });

  it("the preview shows a pending change next to the saved limits, and saves nothing", async () => {
    const own = await owner();
    const before = await settingsRow();
    const res = await postForm(
      "/admin/settings/rules/preview",
      own.cookie,
      rulesBody(own.csrf, { maxPerEarning: "5000", maxPerMemberDay: "20000" }),
      HX,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(figure(html, "data-preview-max-earning")).toBe("5000 积分（现为 100000 积分）");
    expect(figure(html, "data-preview-max-day")).toBe("20000 积分（现为 1000000 积分）");
    expect((await settingsRow()).rules).toEqual(before.rules);
  });

  it("refuses 0, a non-integer, more than 100,000,000 and a single maximum above the daily one (422), saving nothing", async () => {
    const own = await owner();
    const before = await settingsRow();
    for (const [fields, field] of [
      [{ maxPerEarning: "0" }, "maxPerEarning"],
      [{ maxPerEarning: "1.5" }, "maxPerEarning"],
      [{ maxPerMemberDay: "100000001" }, "maxPerMemberDay"],
      [{ maxPerMemberDay: "" }, "maxPerMemberDay"],
      [{ maxPerEarning: "5000", maxPerMemberDay: "4000" }, "maxPerEarning"],
    ] as const) {
      const res = await postForm("/admin/settings/rules", own.cookie, rulesBody(own.csrf, fields));
      expect(res.status, JSON.stringify(fields)).toBe(422);
      expect(await res.text()).toContain(`data-error-for="rules-${field}"`);
    }
    expect((await settingsRow()).rules).toEqual(before.rules);
  });
});
