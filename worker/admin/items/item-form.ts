// The item form of the console → the Merchant API's CreateItemBody / PatchItemBody (the same schemas, so
// the same rules and messages). Yuan become fen, datetime-local values are read in the merchant's time zone.
import type { z } from "zod";
import type { FieldErrors, ItemFormValues } from "../../../views/admin/items/types";
import { t } from "../../../views/i18n";
import { CreateItemBody, PatchItemBody } from "../../api/schemas";
import type { ImageRow, ItemInvalid } from "../../items";
import { itemInvalidText } from "../../outcome-text";
import { fromLocalInput } from "./zoned-time";

type FormBody = Record<string, string | File | (string | File)[]>;

const TEXT_FIELDS = [
  "sku",
  "name",
  "type",
  "categoryId",
  "points",
  "cashYuan",
  "originalPoints",
  "stock",
  "perMemberLimit",
  "stockShards",
  "visibleFrom",
  "visibleUntil",
  "saleStartsAt",
  "saleEndsAt",
] as const;
const TIME_FIELDS = ["visibleFrom", "visibleUntil", "saleStartsAt", "saleEndsAt"] as const;

const all = (v: FormBody[string] | undefined): (string | File)[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v: FormBody[string] | undefined): string => {
  const s = all(v).find((x) => typeof x === "string");
  return typeof s === "string" ? s : "";
};

export const emptyItemForm = (): ItemFormValues => ({
  sku: "",
  name: "",
  type: "physical",
  description: "",
  categoryId: "",
  points: "",
  cashYuan: "",
  originalPoints: "",
  stock: "0",
  perMemberLimit: "",
  stockShards: "",
  visibleFrom: "",
  visibleUntil: "",
  saleStartsAt: "",
  saleEndsAt: "",
  tiers: [],
  images: [],
});

/** Reads the posted form (parseBody({ all: true })): the values as typed, the images kept (by URL, from
 *  `existing`), and the new files. */
export function readItemForm(form: FormBody, existing: ImageRow[]): { values: ItemFormValues; files: File[] } {
  const values = emptyItemForm();
  for (const f of TEXT_FIELDS) values[f] = first(form[f]).trim();
  values.description = first(form.description);
  values.tiers = all(form.tiers).filter((x): x is string => typeof x === "string");
  const keep = new Set(all(form.keepImage).filter((x): x is string => typeof x === "string"));
  values.images = existing.filter((i) => keep.has(i.url));
  const files = all(form.images).filter((x): x is File => typeof x !== "string" && (x.size > 0 || x.name !== ""));
  return { values, files };
}

const num = (v: string): number | string | undefined => (v === "" ? undefined : /^-?\d{1,12}$/.test(v) ? Number(v) : v);

/** "9.9" → 990; null when not a yuan amount. */
export function yuanToFen(v: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(v);
  return m ? Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0")) : null;
}

/** API field → form field */
const FIELD_OF: Record<string, keyof ItemFormValues> = { cashFen: "cashYuan" };

export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "form");
    const field = (FIELD_OF[key] ?? key) as keyof FieldErrors;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** A create/patch refusal of one field (e.g. saleEndsAt not after saleStartsAt) → its form field's error. */
export function invalidToErrors(r: ItemInvalid): FieldErrors {
  return { [(FIELD_OF[r.field] ?? r.field) as keyof FieldErrors]: itemInvalidText(r) };
}

function common(values: ItemFormValues, timeZone: string, errors: FieldErrors) {
  const times: Partial<Record<(typeof TIME_FIELDS)[number], string | null>> = {};
  for (const f of TIME_FIELDS) {
    if (values[f] === "") times[f] = null;
    else {
      const ms = fromLocalInput(values[f], timeZone);
      if (ms === null) errors[f] = t("admin.items.form.badTime");
      else times[f] = new Date(ms).toISOString();
    }
  }
  if ((values.saleStartsAt === "") !== (values.saleEndsAt === "")) {
    errors[values.saleStartsAt === "" ? "saleStartsAt" : "saleEndsAt"] ??= t("admin.items.form.saleBoth");
  }
  let cashFen: number | undefined;
  if (values.cashYuan !== "") {
    const fen = yuanToFen(values.cashYuan);
    if (fen === null) errors.cashYuan = t("admin.items.form.badYuan");
    else cashFen = fen;
  }
  return { times, cashFen };
}

export type FormImages = ImageRow[];

/** The create body, or the field errors (nothing to save). */
export function toCreateBody(
  values: ItemFormValues,
  images: FormImages,
  timeZone: string,
): { ok: true; body: CreateItemBody } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { times, cashFen } = common(values, timeZone, errors);
  const raw: Record<string, unknown> = {
    sku: values.sku,
    name: values.name,
    type: values.type,
    points: num(values.points),
    stock: num(values.stock === "" ? "0" : values.stock),
    description: values.description,
  };
  if (values.categoryId !== "") raw.categoryId = num(values.categoryId);
  if (values.perMemberLimit !== "") raw.perMemberLimit = num(values.perMemberLimit);
  // fixed once created (new shards would count stock from nothing): the create form alone sets it
  if (values.stockShards !== "") raw.stockShards = num(values.stockShards);
  if (values.originalPoints !== "") raw.originalPoints = num(values.originalPoints);
  if (cashFen !== undefined) raw.cashFen = cashFen;
  for (const [k, v] of Object.entries(times)) if (v) raw[k] = v;
  if (values.tiers.length) raw.tiers = values.tiers;
  if (images.length) raw.images = images;
  const parsed = CreateItemBody.safeParse(raw);
  if (!parsed.success) Object.assign(errors, { ...issuesToErrors(parsed.error.issues), ...errors });
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

/** The patch body (every form field, empty = cleared), or the field errors. */
export function toPatchBody(
  values: ItemFormValues,
  images: FormImages,
  timeZone: string,
): { ok: true; body: PatchItemBody } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { times, cashFen } = common(values, timeZone, errors);
  const raw: Record<string, unknown> = {
    name: values.name,
    type: values.type,
    points: num(values.points),
    description: values.description,
    categoryId: values.categoryId === "" ? null : num(values.categoryId),
    perMemberLimit: values.perMemberLimit === "" ? null : num(values.perMemberLimit),
    originalPoints: values.originalPoints === "" ? null : num(values.originalPoints),
    cashFen: cashFen ?? 0,
    tiers: values.tiers.length ? values.tiers : null,
    images,
  };
  for (const f of TIME_FIELDS) if (!errors[f]) raw[f] = times[f] ?? null;
  const parsed = PatchItemBody.safeParse(raw);
  if (!parsed.success) Object.assign(errors, { ...issuesToErrors(parsed.error.issues), ...errors });
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}
