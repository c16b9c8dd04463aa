// The member's birthday (生日双倍积分), YYYY-MM-DD or (the year left out) MM-DD: set once by the member (a
// page under /me), or by the merchant's API, which may also correct it later. Kept in the wallet so the purchase multiplier is decided in the same
// synchronous step as the earning.
import { refusal } from "../objects/refusal";
import { abort, commit, type Outcome } from "../objects/outcome";
import { row } from "../objects/sql";
import { localDate } from "./local-time";
import type { WalletApi } from "./types";

export type SetBirthdayInput = Parameters<WalletApi["setBirthday"]>[0];
export type SetBirthdayResult = Awaited<ReturnType<WalletApi["setBirthday"]>>;

export function storedBirthday(sql: SqlStorage): string | null {
  return row<{ birthday: string | null }>(sql, "select birthday from member where id = 1")?.birthday ?? null;
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

/** A birthday without its year (MM-DD) is a day that exists in a leap year (02-29 included). */
function validMonthDay(s: string): boolean {
  return MONTH_DAY.test(s) && validDate(`2000-${s}`);
}

/** Whether `s` is a birthday the wallet keeps: a real date YYYY-MM-DD from 1900 to `today`, or MM-DD. */
export function validBirthday(s: string, today: string): boolean {
  if (validMonthDay(s)) return true;
  return validDate(s) && s >= "1900-01-01" && s <= today;
}

/** by "member": only while none is set (the same date again is fine); by "merchant": sets or overrides. */
export function setBirthday(sql: SqlStorage, input: SetBirthdayInput): Outcome<SetBirthdayResult> {
  const { birthday, by } = input;
  // a real calendar date, from 1900 to the merchant-local today, or a month and day (MM-DD)
  if (!validBirthday(birthday, localDate(input.now, input.rules.timeZone)))
    return abort(refusal("INVALID_BIRTHDAY", "wallet.birthdayInvalid"));
  const current = storedBirthday(sql);
  if (current === birthday) return abort({ ok: true, birthday, changed: false });
  if (current !== null && by === "member")
    return abort(refusal("BIRTHDAY_ALREADY_SET", "wallet.birthdayAlreadySet", { birthday: current }));
  sql.exec("update member set birthday = ?, birthday_set_by = ? where id = 1", birthday, by);
  return commit({ ok: true, birthday, changed: true });
}
