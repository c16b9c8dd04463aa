// The mall's look form (name, tagline, banner alt text, brand colour, time zone) ↔ the settings row. The
// logo and banner files are stored separately (worker/media) and only their URLs reach the row.
import { z } from "zod";
import { text } from "../../text-rule";
import type { FieldErrors, MallFormValues } from "../../../views/admin/settings/types";
import { lazy } from "../../../views/i18n";
import { field, str, type FormBody } from "./form-fields";
import type { MallSettings } from "../../settings/load-settings";

/** A time zone Intl knows (IANA names such as Asia/Shanghai). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const MallFields = {
  mallName: text({
    max: 30,
    messages: { required: lazy("admin.settings.err.mallName"), tooLong: lazy("admin.settings.err.mallName") },
  }),
  tagline: text({ max: 60, min: 0, messages: { tooLong: lazy("admin.settings.err.tagline") } }),
  bannerAlt: text({ max: 60, min: 0, messages: { tooLong: lazy("admin.settings.err.bannerAlt") } }),
  brandColor: z
    .string()
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: lazy("admin.settings.err.brandColor") })
    .transform((c) => c.toLowerCase()),
  timeZone: z
    .string()
    .trim()
    .refine(isTimeZone, { error: lazy("admin.settings.err.timeZone") }),
};

export type MallChange = { mallName: string; tagline: string; bannerAlt: string; brandColor: string; timeZone: string };

export function mallFormValues(s: MallSettings): MallFormValues {
  return {
    mallName: s.mall.name,
    tagline: s.mall.tagline,
    bannerAlt: s.mall.bannerAlt,
    brandColor: s.mall.brandColor,
    timeZone: s.timeZone,
    logoUrl: s.mall.logoUrl,
    bannerUrl: s.mall.bannerUrl,
  };
}

/** The posted text fields, with the current images (the form does not post URLs). */
export function readMallForm(body: FormBody, current: MallSettings): MallFormValues {
  return {
    mallName: str(body, "mallName"),
    tagline: str(body, "tagline"),
    bannerAlt: str(body, "bannerAlt"),
    brandColor: str(body, "brandColor"),
    timeZone: str(body, "timeZone"),
    logoUrl: current.mall.logoUrl,
    bannerUrl: current.mall.bannerUrl,
  };
}

export function parseMallForm(v: MallFormValues): { ok: true; mall: MallChange } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const mall = {
    mallName: field(errors, "mallName", MallFields.mallName, v.mallName),
    tagline: field(errors, "tagline", MallFields.tagline, v.tagline),
    bannerAlt: field(errors, "bannerAlt", MallFields.bannerAlt, v.bannerAlt),
    brandColor: field(errors, "brandColor", MallFields.brandColor, v.brandColor),
    timeZone: field(errors, "timeZone", MallFields.timeZone, v.timeZone),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, mall: mall as MallChange };
}

/** The fields whose value differs, as { before, after } objects of just those fields (for the audit row). */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return Object.keys(a).length > 0 ? { before: b, after: a } : null;
}
