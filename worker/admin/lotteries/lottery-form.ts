// The console's lottery form → the same body the Merchant API validates (CreateLotteryBody), so both refuse the
// same things with the same messages. Prize rows are prize_<field>_<n>; a row without a name is left out.
// datetime-local values are read in the merchant's time zone; tiers are checkboxes (none ticked = every tier).
import { CreateLotteryBody } from "../../api/schemas";
import { inputOf } from "../../api/lotteries";
import type { LotteryInput } from "../../lottery/rows";
import { fromLocalInput } from "../items/zoned-time";

export const PRIZE_ROWS = 8;

type Form = Record<string, string | File | (string | File)[]>;
const str = (f: Form, k: string) => (typeof f[k] === "string" ? (f[k] as string).trim() : "");
const all = (f: Form, k: string) =>
  (Array.isArray(f[k]) ? (f[k] as unknown[]) : f[k] === undefined ? [] : [f[k]]).filter(
    (v): v is string => typeof v === "string",
  );
const int = (v: string) => (v === "" ? undefined : /^-?\d+$/.test(v) ? Number(v) : Number.NaN);

export function parseLotteryForm(
  f: Form,
  timeZone: string,
): { ok: true; ref: string; input: LotteryInput } | { ok: false; detail: string } {
  const prizes: Record<string, unknown>[] = [];
  const ids: (string | undefined)[] = [];
  for (let i = 0; i < PRIZE_ROWS; i++) {
    const name = str(f, `prize_name_${i}`);
    if (name === "") continue;
    const kind = str(f, `prize_kind_${i}`);
    prizes.push({
      name,
      kind,
      ...(kind === "points" ? { points: int(str(f, `prize_points_${i}`)) } : {}),
      ...(kind === "item" ? { itemId: int(str(f, `prize_item_${i}`)) } : {}),
      weight: int(str(f, `prize_weight_${i}`)),
      ...(str(f, `prize_stock_${i}`) !== "" ? { stock: int(str(f, `prize_stock_${i}`)) } : {}),
    });
    const id = str(f, `prize_id_${i}`);
    ids.push(/^p\d{1,3}$/.test(id) ? id : undefined);
  }
  const at = (k: string) => {
    const v = str(f, k);
    if (v === "") return undefined;
    const ms = fromLocalInput(v, timeZone);
    return ms === null ? "invalid" : new Date(ms).toISOString();
  };
  const body = {
    ref: str(f, "ref"),
    name: str(f, "name"),
    kind: str(f, "kind"),
    costPoints: int(str(f, "costPoints")),
    dailyLimit: int(str(f, "dailyLimit")),
    ...(str(f, "totalLimit") !== "" ? { totalLimit: int(str(f, "totalLimit")) } : {}),
    freeDrawsPerDay: int(str(f, "freeDrawsPerDay")) ?? 0,
    ...(at("startsAt") !== undefined ? { startsAt: at("startsAt") } : {}),
    ...(at("endsAt") !== undefined ? { endsAt: at("endsAt") } : {}),
    tiers: all(f, "tiers"),
    prizes,
  };
  const parsed = CreateLotteryBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, detail: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}` };
  }
  const input = inputOf(parsed.data);
  input.prizes = input.prizes.map((p, i) => (ids[i] ? { ...p, id: ids[i] } : p));
  return { ok: true, ref: parsed.data.ref, input };
}
