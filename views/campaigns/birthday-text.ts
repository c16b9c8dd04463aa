import { t } from "../i18n";

/** A stored birthday as the member reads it: YYYY-MM-DD → 1990年5月10日, MM-DD → 5月10日. */
export function birthdayText(birthday: string): string {
  const parts = birthday.split("-").map(Number);
  if (parts.length === 2) return t("campaigns.birthday.monthDay", { month: parts[0]!, day: parts[1]! });
  return t("campaigns.birthday.full", { year: parts[0]!, month: parts[1]!, day: parts[2]! });
}
