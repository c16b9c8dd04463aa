import { t } from "../../i18n";
import { Field, invalid } from "../field";
import { RulesPreview } from "./rules-preview";
import { TierRows } from "./tier-rows";
import { CAP_SOURCES, capField, type FieldErrors, type RulesFormValues, type RulesPreviewView } from "./types";
import { PostForm } from "../../components/post-form";

export const RULES_PREVIEW_PATH = "/admin/settings/rules/preview";

export type RulesFormProps = {
  csrf: string;
  timeZone: string;
  values: RulesFormValues;
  errors?: FieldErrors;
  /** the effect of the values in the form (after 预览, or a refused save: null) */
  preview?: RulesPreviewView | null;
  saved?: boolean;
};

const EXPIRY_KINDS = ["never", "days", "end_of_month", "end_of_year"] as const;

/**
 * 积分规则. With htmx every change posts the form to the preview endpoint, which swaps in #rules-preview;
 * without JS the 预览 button posts it there and the whole page comes back with the preview.
 */
export function RulesForm({ csrf, timeZone, values, errors = {}, preview, saved }: RulesFormProps) {
  const num = (
    name: keyof RulesFormValues & string,
    label: string,
    inputMode: "numeric" | "decimal",
    hint?: string,
  ) => (
    <Field id={`rules-${name}`} label={label} error={errors[name]} hint={hint}>
      <input
        class="field__input"
        id={`rules-${name}`}
        name={name}
        value={values[name] as string}
        inputMode={inputMode}
        {...invalid(`rules-${name}`, errors[name])}
      />
    </Field>
  );
  return (
    <section class="panel" id="settings-rules" aria-labelledby="settings-rules-title">
      <h2 class="panel__title" id="settings-rules-title">
        {t("admin.settings.rules.title")}
      </h2>
      {saved && (
        <p class="alert alert--info" role="status" data-saved="rules">
          {t("admin.settings.saved")}
        </p>
      )}
      {Object.keys(errors).length > 0 && (
        <p class="field__error" role="alert" data-form-error="rules">
          {errors.rules ?? t("admin.settings.fixErrors")}
        </p>
      )}
      <PostForm
        csrf={csrf}
        class="fields"
        id="rules-form"
        method="post"
        action="/admin/settings/rules"
        hx-post={RULES_PREVIEW_PATH}
        hx-trigger="change"
        hx-target="#rules-preview"
        hx-swap="outerHTML"
      >
        {num(
          "pointsPerYuan",
          t("admin.settings.rules.pointsPerYuan"),
          "decimal",
          t("admin.settings.rules.pointsPerYuanHint"),
        )}
        {num("newMemberBonus", t("admin.settings.rules.newMemberBonus"), "numeric")}
        <fieldset class="asettings__checkin">
          <legend class="field__label">{t("admin.settings.rules.checkin")}</legend>
          <p class="hint">{t("admin.settings.rules.checkinHint")}</p>
          <div class="asettings__days">
            {values.checkin.map((v, i) => {
              const name = `checkin${i + 1}`;
              return (
                <Field id={`rules-${name}`} label={t("admin.settings.rules.day", { n: i + 1 })} error={errors[name]}>
                  <input
                    class="field__input"
                    id={`rules-${name}`}
                    name={name}
                    value={v}
                    inputMode="numeric"
                    {...invalid(`rules-${name}`, errors[name])}
                  />
                </Field>
              );
            })}
          </div>
        </fieldset>
        <fieldset class="asettings__caps">
          <legend class="field__label">{t("admin.settings.rules.dailyCaps")}</legend>
          <p class="hint">{t("admin.settings.rules.dailyCapsHint")}</p>
          <div class="asettings__days">
            {CAP_SOURCES.map((source) => num(capField(source), t(`admin.settings.cap.${source}`), "numeric"))}
          </div>
        </fieldset>
        {num(
          "maxPerEarning",
          t("admin.settings.rules.maxPerEarning"),
          "numeric",
          t("admin.settings.rules.maxPerEarningHint"),
        )}
        {num(
          "maxPerMemberDay",
          t("admin.settings.rules.maxPerMemberDay"),
          "numeric",
          t("admin.settings.rules.maxPerMemberDayHint"),
        )}
        <Field
          id="rules-expiryKind"
          label={t("admin.settings.rules.expiry")}
          error={errors.expiryKind}
          hint={t("admin.settings.rules.expiryHint")}
        >
          <select
            class="field__input"
            id="rules-expiryKind"
            name="expiryKind"
            {...invalid("rules-expiryKind", errors.expiryKind)}
          >
            {EXPIRY_KINDS.map((k) => (
              <option value={k} selected={values.expiryKind === k}>
                {t(`admin.settings.expiry.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        {num("expiryDays", t("admin.settings.rules.expiryDays"), "numeric")}
        {num("expiryYears", t("admin.settings.rules.expiryYears"), "numeric")}
        <TierRows tiers={values.tiers} errors={errors} />
        <RulesPreview preview={preview ?? null} timeZone={timeZone} />
        <div class="asettings__actions">
          <button class="btn btn--sm asettings__preview-btn" type="submit" formaction={RULES_PREVIEW_PATH}>
            {t("admin.settings.rules.preview")}
          </button>
          <button class="btn" type="submit">
            {t("admin.settings.rules.submit")}
          </button>
        </div>
      </PostForm>
    </section>
  );
}
