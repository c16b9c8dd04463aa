import type { ComponentChildren } from "preact";
import { MeNav } from "../components/me-nav";
import { PostForm } from "../components/post-form";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { birthdayText } from "./birthday-text";

export type BirthdayPanelProps = {
  csrf: string;
  /** the stored birthday (YYYY-MM-DD or MM-DD); null: the form */
  birthday: string | null;
  /** the merchant's rule: ×multiplier on the day or in the month (multiplier 1 = off) */
  rule: { multiplier: number; scope: "day" | "month" };
  /** just saved: say so */
  saved?: boolean;
  /** why the last attempt was refused */
  error?: string | null;
  /** what was posted, kept in the form after a refusal */
  form?: { month: string; day: string; year: string };
};

const MONTHS = Array.from({ length: 12 }, (_, i) => String(i + 1));
const DAYS = Array.from({ length: 31 }, (_, i) => String(i + 1));

/** The birthday panel (#birthday): the form while none is set, then the date read-only. htmx swaps it. */
export function BirthdayPanel({ csrf, birthday, rule, saved, error, form }: BirthdayPanelProps) {
  const intro =
    rule.multiplier <= 1
      ? t("campaigns.birthday.off")
      : rule.scope === "month"
        ? t("campaigns.birthday.introMonth", { multiplier: rule.multiplier })
        : t("campaigns.birthday.intro", { multiplier: rule.multiplier });
  return (
    <section class="panel" id="birthday" aria-labelledby="birthday-title">
      <h1 id="birthday-title" class="panel__title">
        {t("campaigns.birthday.title")}
      </h1>
      <p class="muted">{intro}</p>
      {birthday ? (
        <>
          {error && (
            <div class="alert" role="alert">
              <p>{error}</p>
            </div>
          )}
          {saved && (
            <div class="toast" role="status">
              <p class="toast__title">{t("campaigns.birthday.saved", { birthday: birthdayText(birthday) })}</p>
            </div>
          )}
          <p data-birthday={birthday}>{t("campaigns.birthday.current", { birthday: birthdayText(birthday) })}</p>
          <p class="muted">{t("campaigns.birthday.locked")}</p>
        </>
      ) : (
        <PostForm
          csrf={csrf}
          method="post"
          action="/me/birthday"
          hx-post="/me/birthday"
          hx-target="#birthday"
          hx-swap="outerHTML"
          hx-disable="find button"
        >
          {error && (
            <div class="alert" role="alert">
              <p>{error}</p>
            </div>
          )}
          <div class="field">
            <label class="field__label" for="bd-month">
              {t("campaigns.birthday.month")}
            </label>
            <select class="field__input" id="bd-month" name="month" required>
              <option value="">{t("campaigns.birthday.choose")}</option>
              {MONTHS.map((v) => (
                <option value={v} selected={form?.month === v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="bd-day">
              {t("campaigns.birthday.day")}
            </label>
            <select class="field__input" id="bd-day" name="day" required>
              <option value="">{t("campaigns.birthday.choose")}</option>
              {DAYS.map((v) => (
                <option value={v} selected={form?.day === v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="bd-year">
              {t("campaigns.birthday.year")}
            </label>
            <input
              class="field__input"
              id="bd-year"
              name="year"
              type="text"
              inputmode="numeric"
              pattern="[0-9]{4}"
              maxLength={4}
              autocomplete="bday-year"
              value={form?.year ?? ""}
            />
          </div>
          <button class="btn btn--block" type="submit">
            {t("campaigns.birthday.submit")}
          </button>
        </PostForm>
      )}
    </section>
  );
}

/** 我的生日 (/me/birthday): set once, then read-only. Works without JS (the form posts and the answer is this
 *  page); with htmx the panel is swapped. */
export function BirthdayPage({
  mall,
  headerExtra,
  ...panel
}: BirthdayPanelProps & { mall: MallView; headerExtra?: ComponentChildren }) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("campaigns.birthday.title"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <MeNav current="birthday" csrf={panel.csrf} />
      <BirthdayPanel {...panel} />
    </Layout>
  );
}
