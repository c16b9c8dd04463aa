// Settings are read once per isolate for SETTINGS_TTL_MS: a console save shows on the next shopper page at
// once (the save invalidates this isolate's copy); a write this isolate did not make (another isolate's save)
// shows once the copy expires.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../../db/client";
import { settings } from "../../db/schema";
import { mallBody, owner, settingsRow } from "../admin/settings/test-settings";
import { postForm } from "../admin/test-admin";
import { get } from "../shop/test-session";
import { invalidateSettings, loadSettings, loadSettingsFresh } from "./load-settings";

const db = () => getDb(env.TURSO_DATABASE_URL);

describe("settings cache", () => {
  it("a console save shows on the next guest home page at once", async () => {
    const own = await owner();
    const before = (await settingsRow()).tagline;
    // warm this isolate's copy
    expect((await get("/")).status).toBe(200);
    const tagline = `缓存标语 ${crypto.randomUUID().slice(0, 6)}`;
    try {
      const res = await postForm("/admin/settings/mall", own.cookie, await mallBody(own.csrf, { tagline }));
      expect(res.status).toBe(303);
      expect(await (await get("/")).text()).toContain(tagline);
    } finally {
      await postForm("/admin/settings/mall", own.cookie, await mallBody(own.csrf, { tagline: before }));
    }
    expect(await (await get("/")).text()).not.toContain(tagline);
  });

  it("reuses the copy it read until invalidated, while the fresh read sees the row as it is", async () => {
    const before = (await settingsRow()).tagline;
    invalidateSettings();
    const first = await loadSettings(db());
    expect(first.mall.tagline).toBe(before);
    const tagline = `别处写的 ${crypto.randomUUID().slice(0, 6)}`;
    try {
      await db().update(settings).set({ tagline }).where(eq(settings.id, 1));
      expect((await loadSettings(db())).mall.tagline).toBe(before);
      expect((await loadSettingsFresh(db())).mall.tagline).toBe(tagline);
      invalidateSettings();
      expect((await loadSettings(db())).mall.tagline).toBe(tagline);
    } finally {
      await db().update(settings).set({ tagline: before }).where(eq(settings.id, 1));
      invalidateSettings();
    }
  });
});
