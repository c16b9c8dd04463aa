// Reading form posts field by field with zod: each field's first problem is kept under its name, so the page
// can show it next to that field. Values arrive as strings (parseBody({ all: true }) may give arrays).
import { z } from "zod";
import type { FieldErrors } from "../../../views/admin/settings/types";
import { t } from "../../../views/i18n";

export type FormBody = Record<string, string | File | (string | File)[]>;

export function str(body: FormBody, name: string): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === "string" ? first : "";
}

export function strs(body: FormBody, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => (typeof x === "string" ? x : ""));
}

export function file(body: FormBody, name: string): File | undefined {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first instanceof File && first.size > 0 ? first : undefined;
}

/** The value parsed by `schema`, or undefined with the message recorded under `name`. */
export function field<T>(errors: FieldErrors, name: string, schema: z.ZodType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  errors[name] = r.error.issues[0]?.message ?? t("admin.settings.err.invalid");
  return undefined;
}

/** A whole number in [min, max] typed as text. */
export const intText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[0-9]{1,9}$/, t("admin.settings.err.int", { min, max }))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, t("admin.settings.err.int", { min, max }))
        .max(max, t("admin.settings.err.int", { min, max })),
    );

/** A decimal number (up to 2 places) in [min, max] typed as text. */
export const decimalText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[0-9]{1,6}(\.[0-9]{1,2})?$/, t("admin.settings.err.decimal", { min, max }))
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, t("admin.settings.err.decimal", { min, max }))
        .max(max, t("admin.settings.err.decimal", { min, max })),
    );
