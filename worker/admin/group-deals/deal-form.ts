// The console's group-deal form → the same body the Merchant API validates (CreateGroupDealBody), so both refuse
// the same things with the same messages. datetime-local values are read in the merchant's time zone; tiers are
// checkboxes (none ticked = every tier).
import { dealInputOfBody } from "../../api/group-deals";
import { CreateGroupDealBody } from "../../api/schemas";
import type { DealInput } from "../../group-buy/rows";
import { fromLocalInput } from "../items/zoned-time";

type Form = Record<string, string | File | (string | File)[]>;
const str = (f: Form, k: string) => (typeof f[k] === "string" ? (f[k] as string).trim() : "");
const all = (f: Form, k: string) =>
  (Array.isArray(f[k]) ? (f[k] as unknown[]) : f[k] === undefined ? [] : [f[k]]).filter(
    (v): v is string => typeof v === "string",
  );
const int = (v: string) => (v === "" ? undefined : /^-?\d+$/.test(v) ? Number(v) : Number.NaN);

export function parseDealForm(
  f: Form,
  timeZone: string,
): { ok: true; ref: string; input: DealInput } | { ok: false; detail: string } {
  const at = (k: string) => {
    const v = str(f, k);
    if (v === "") return undefined;
    const ms = fromLocalInput(v, timeZone);
    return ms === null ? "invalid" : new Date(ms).toISOString();
  };
  const body = {
    ref: str(f, "ref"),
    itemId: int(str(f, "itemId")),
    groupSize: int(str(f, "groupSize")),
    pointsPrice: int(str(f, "pointsPrice")),
    fillHours: int(str(f, "fillHours")),
    ...(at("startsAt") !== undefined ? { startsAt: at("startsAt") } : {}),
    ...(at("endsAt") !== undefined ? { endsAt: at("endsAt") } : {}),
    enabled: str(f, "enabled") === "on",
    tiers: all(f, "tiers"),
  };
  const parsed = CreateGroupDealBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, detail: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}` };
  }
  return { ok: true, ref: parsed.data.ref, input: dealInputOfBody(parsed.data) };
}
