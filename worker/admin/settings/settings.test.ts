// 设置 through the real Worker: owners only (an operator gets 403 on every route), invalid input is a 422
// with the message next to its field and nothing saved, a save writes the row and its audit row (only the
// changed fields), images upload to the media bucket. Other test files share the settings row, so changes
// here are harmless ones (tagline, an unreachable extra tier) and are put back at once.
import { env } from "cloudflare:workers";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, settings } from "../../../db/schema";
import { get } from "../../shop/test-session";
import { postForm } from "../test-admin";
import { DEFAULT_TIERS, db, mallBody, operator, owner, rulesBody, settingsRow } from "./test-settings";

async function lastSettingsAudit(actor = "owner@example.com") {
  return (
    await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "settings.update"), eq(auditLog.actor, actor)))
      .orderBy(desc(auditLog.id))
      .limit(1)
  )[0];
}

const PNG_1X1 = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

describe("settings access", () => {
  it("an operator gets 403 on every settings route, GET and POST, and nothing changes", async () => {
    const own = await owner();
    const op = await operator(own.cookie);
    const before = await settingsRow();
    expect((await get("/admin/settings", op.cookie)).status).toBe(403);
    const posts: [string, URLSearchParams | FormData][] = [
      ["/admin/settings/mall", await mallBody(op.csrf, { tagline: "运营改的" })],
      ["/admin/settings/rules", rulesBody(op.csrf, { newMemberBonus: "999" })],
      ["/admin/settings/rules/preview", rulesBody(op.csrf)],
      ["/admin/settings/autologin/rotate", new URLSearchParams({ _csrf: op.csrf, grace: "1h" })],
    ];
    for (const [path, body] of posts) {
      const res = await postForm(path, op.cookie, body);
      expect(res.status, path).toBe(403);
    }
    expect(await settingsRow()).toEqual(before);
    // the owner sees the page and the nav entry; the operator's nav has none
    const page = await get("/admin/settings", own.cookie);
    expect(page.status).toBe(200);
    expect(await (await get("/admin/audit", op.cookie)).text()).not.toContain('href="/admin/settings"');
  });

  it("a post without the session's CSRF token is refused with 403", async () => {
    const own = await owner();
    const res = await postForm("/admin/settings/rules", own.cookie, rulesBody("0".repeat(40)));
    expect(res.status).toBe(403);
  });
});

describe("settings validation", () => {
  it("refuses bad tiers with 422, each message next to its field, and saves nothing", async () => {
    const own = await owner();
    const before = await settingsRow();
    const res = await postForm(
      "/admin/settings/rules",
      own.cookie,
      rulesBody(own.csrf, {
        tiers: [
          { key: "standard", name: "普通", threshold: "5", multiplier: "1" },
          { key: "gold", name: "黄金", threshold: "3000", multiplier: "0.5" },
          { key: "gold", name: "白金", threshold: "2000", multiplier: "2" },
        ],
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    const errorFor = (id: string) => new RegExp(`data-error-for="${id}"[^>]*>([^<]+)<`).exec(html)?.[1];
    expect(errorFor("tier-0-threshold")).toContain("必须是 0");
    expect(errorFor("tier-1-multiplier")).toContain("1–10");
    expect(errorFor("tier-2-key")).toContain("重复");
    expect(errorFor("tier-2-threshold")).toContain("比上一个等级高");
    expect(html).toContain('aria-invalid="true"');
    // the posted values come back for correction
    expect(html).toContain('value="白金"');
    expect(await settingsRow()).toEqual(before);
  });

  it("refuses bad numbers, a bad expiry and an empty tier table with 422 and saves nothing", async () => {
    const own = await owner();
    const before = await settingsRow();
    const res = await postForm(
      "/admin/settings/rules",
      own.cookie,
      rulesBody(own.csrf, {
        pointsPerYuan: "-1",
        checkin: ["5", "8", "x", "12", "15", "18", "20"],
        caps: { task: "1.5" },
        expiryKind: "days",
        expiryDays: "0",
        tiers: [],
      }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const id of ["rules-pointsPerYuan", "rules-checkin3", "rules-capTask", "rules-expiryDays", "tiers"])
      expect(html).toContain(`data-error-for="${id}"`);
    expect(html).not.toContain('data-error-for="rules-checkin2"');
    expect(await settingsRow()).toEqual(before);
  });

  it("refuses a colour that is not #rrggbb and an unknown time zone with 422 and saves nothing", async () => {
    const own = await owner();
    const before = await settingsRow();
    const res = await postForm(
      "/admin/settings/mall",
      own.cookie,
      await mallBody(own.csrf, { brandColor: "red;}", timeZone: "Mars/Olympus", mallName: "" }),
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/data-error-for="mall-brandColor"[^>]*>[^<]*#rrggbb/);
    expect(html).toMatch(/data-error-for="mall-timeZone"[^>]*>[^<]*IANA/);
    expect(html).toContain('data-error-for="mall-mallName"');
    expect(await settingsRow()).toEqual(before);
  });

  it("refuses a logo that is not an image with 422 and saves nothing", async () => {
    const own = await owner();
    const before = await settingsRow();
    const res = await postForm(
      "/admin/settings/mall",
      own.cookie,
      await mallBody(own.csrf, { logo: new File(["<svg/>"], "x.svg", { type: "image/svg+xml" }) }),
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('data-error-for="mall-logo"');
    expect(await settingsRow()).toEqual(before);
  });
});

describe("settings save", () => {
  it("saves the mall's fields with an audit row of just the changed fields, and the shopper page shows them", async () => {
    const own = await owner();
    const before = await settingsRow();
    const tagline = `测试标语 ${crypto.randomUUID().slice(0, 6)}`;
    const res = await postForm("/admin/settings/mall", own.cookie, await mallBody(own.csrf, { tagline }));
    try {
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/admin/settings?saved=mall");
      expect((await settingsRow()).tagline).toBe(tagline);
      const audit = await lastSettingsAudit();
      expect(audit?.target).toBe("settings");
      expect(audit?.before).toEqual({ tagline: before.tagline });
      expect(audit?.after).toEqual({ tagline });
      expect(await (await get("/")).text()).toContain(tagline);
      const page = await (await get("/admin/settings?saved=mall", own.cookie)).text();
      expect(page).toContain('data-saved="mall"');
    } finally {
      const back = await postForm(
        "/admin/settings/mall",
        own.cookie,
        await mallBody(own.csrf, { tagline: before.tagline }),
      );
      expect(back.status).toBe(303);
    }
    expect((await settingsRow()).tagline).toBe(before.tagline);
  });

  it("uploads a logo to the media bucket and points the settings at it", async () => {
    const own = await owner();
    const before = await settingsRow();
    try {
      const res = await postForm(
        "/admin/settings/mall",
        own.cookie,
        await mallBody(own.csrf, { logo: new File([PNG_1X1], "logo.png", { type: "image/png" }) }),
      );
      expect(res.status).toBe(303);
      const logoUrl = (await settingsRow()).logoUrl;
      expect(logoUrl).toMatch(/^\/media\/img\/[0-9a-f]{64}\.png$/);
      expect(await env.MEDIA.head(logoUrl.slice("/media/".length))).not.toBeNull();
      expect((await lastSettingsAudit())?.after).toEqual({ logoUrl });
    } finally {
      await db().update(settings).set({ logoUrl: before.logoUrl }).where(eq(settings.id, 1));
    }
  });

  it("saves the rules with an audit row of the changed rules; the wallet gets them on the next call", async () => {
    const own = await owner();
    const before = await settingsRow();
    const key = `t${crypto.randomUUID().slice(0, 6)}`;
    const tiers = [...DEFAULT_TIERS, { key, name: "测试等级", threshold: "99000000", multiplier: "3" }];
    const res = await postForm("/admin/settings/rules", own.cookie, rulesBody(own.csrf, { tiers }));
    try {
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/admin/settings?saved=rules");
      const saved = (await settingsRow()).rules as {
        tiers: { key: string; multiplier: number }[];
        newMemberBonus: number;
      };
      expect(saved.tiers.map((x) => x.key)).toEqual(["standard", "gold", "diamond", key]);
      expect(saved.tiers[3]!.multiplier).toBe(3);
      expect(saved.newMemberBonus).toBe(50);
      const audit = await lastSettingsAudit();
      expect(Object.keys((audit!.after as { rules: object }).rules)).toEqual(["tiers"]);
      expect((audit!.before as { rules: { tiers: unknown[] } }).rules.tiers).toHaveLength(3);
      // the form shows the saved rules
      const page = await (await get("/admin/settings?saved=rules", own.cookie)).text();
      expect(page).toContain(`value="${key}"`);
    } finally {
      await postForm("/admin/settings/rules", own.cookie, rulesBody(own.csrf));
      await db().update(settings).set({ rules: before.rules }).where(eq(settings.id, 1));
    }
  });

  it("writes nothing when nothing changed", async () => {
    const own = await owner();
    const audit = await lastSettingsAudit();
    const res = await postForm("/admin/settings/rules", own.cookie, rulesBody(own.csrf));
    expect(res.status).toBe(303);
    expect((await lastSettingsAudit())?.id).toBe(audit?.id);
  });
});
