// For the settings tests: the owner's and a fresh operator's sessions, the settings page's forms as posted
// by a browser (the current values, with changes), and the settings row.
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "../../../db/client";
import { adminUsers, settings } from "../../../db/schema";
import { post } from "../../shop/test-session";
import { login, ownerSession, pageCsrf } from "../test-admin";

export const db = () => getDb(env.TURSO_DATABASE_URL);

export const owner = () => ownerSession("/admin/settings");

/** A fresh operator invited by the owner through /admin/users, signed in; CSRF from a page they may see. */
export async function operator(ownerCookie: string): Promise<{ cookie: string; csrf: string }> {
  const email = `op-set-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await post("/admin/users", ownerCookie, { _csrf: await pageCsrf(ownerCookie, "/admin/users"), email });
  expect(res.status).toBe(200);
  const password = /data-initial-password[^>]*>([^<]+)</.exec(await res.text())?.[1];
  expect(password).toBeTruthy();
  const row = (await db().select().from(adminUsers).where(eq(adminUsers.email, email)))[0];
  expect(row?.role).toBe("operator");
  const cookie = await login(email, password!.trim());
  return { cookie, csrf: await pageCsrf(cookie, "/admin/audit") };
}

export async function settingsRow() {
  return (await db().select().from(settings).where(eq(settings.id, 1)))[0]!;
}

export const DEFAULT_TIERS = [
  { key: "standard", name: "普通", threshold: "0", multiplier: "1" },
  { key: "gold", name: "黄金", threshold: "2000", multiplier: "1.2" },
  { key: "diamond", name: "钻石", threshold: "10000", multiplier: "1.5" },
];

export type RulesFields = {
  pointsPerYuan?: string;
  newMemberBonus?: string;
  checkin?: string[];
  /** per capped source; missing ones post the defaults (100 for check-in, task, referral; empty otherwise) */
  caps?: Partial<Record<"checkin" | "task" | "referral" | "code" | "other", string>>;
  maxPerEarning?: string;
  maxPerMemberDay?: string;
  expiryKind?: string;
  expiryDays?: string;
  expiryYears?: string;
  tiers?: { key: string; name: string; threshold: string; multiplier: string }[];
};

/** The rules form as the browser posts it (defaults unless overridden), including the spare empty tier row. */
export function rulesBody(csrf: string, f: RulesFields = {}): URLSearchParams {
  const body = new URLSearchParams({
    _csrf: csrf,
    pointsPerYuan: f.pointsPerYuan ?? "1",
    newMemberBonus: f.newMemberBonus ?? "50",
    capCheckin: f.caps?.checkin ?? "100",
    capTask: f.caps?.task ?? "100",
    capReferral: f.caps?.referral ?? "100",
    capCode: f.caps?.code ?? "",
    capOther: f.caps?.other ?? "",
    maxPerEarning: f.maxPerEarning ?? "100000",
    maxPerMemberDay: f.maxPerMemberDay ?? "1000000",
    expiryKind: f.expiryKind ?? "end_of_year",
    expiryDays: f.expiryDays ?? "365",
    expiryYears: f.expiryYears ?? "1",
  });
  (f.checkin ?? ["5", "8", "10", "12", "15", "18", "20"]).forEach((v, i) => {
    body.set(`checkin${i + 1}`, v);
  });
  for (const row of [...(f.tiers ?? DEFAULT_TIERS), { key: "", name: "", threshold: "", multiplier: "" }]) {
    body.append("tierKey", row.key);
    body.append("tierName", row.name);
    body.append("tierThreshold", row.threshold);
    body.append("tierMultiplier", row.multiplier);
  }
  return body;
}

/** The mall form as the browser posts it: the saved values, with changes. */
export async function mallBody(csrf: string, changes: Record<string, string | File> = {}): Promise<FormData> {
  const row = await settingsRow();
  const form = new FormData();
  const fields: Record<string, string | File> = {
    _csrf: csrf,
    mallName: row.mallName,
    tagline: row.tagline,
    bannerAlt: row.bannerAlt,
    brandColor: row.brandColor,
    timeZone: row.timeZone,
    ...changes,
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return form;
}
