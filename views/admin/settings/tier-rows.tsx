import { t } from "../../i18n";
import { invalid } from "../field";
import type { FieldErrors, TierFormValues } from "./types";

export type TierRowsProps = { tiers: TierFormValues[]; errors: FieldErrors };

/** The tier table: one row per tier plus an empty row to add one (a row left empty is dropped on save). */
export function TierRows({ tiers, errors }: TierRowsProps) {
  const rows = [...tiers, { key: "", name: "", threshold: "", multiplier: "" }];
  const cell = (
    i: number,
    col: keyof TierFormValues,
    name: string,
    value: string,
    inputMode: "text" | "numeric" | "decimal",
    label: string,
  ) => {
    const id = `tier-${i}-${col}`;
    const error = errors[`tiers.${i}.${col}`];
    return (
      <td class={error ? "field--error" : undefined}>
        <input
          class="field__input"
          id={id}
          name={name}
          value={value}
          inputMode={inputMode}
          aria-label={label}
          {...invalid(id, error)}
        />
        {error && (
          <span class="field__error" id={`${id}-error`} data-error-for={id} role="alert">
            {error}
          </span>
        )}
      </td>
    );
  };
  return (
    <fieldset class="asettings__tiers">
      <legend class="field__label">{t("admin.settings.rules.tiers")}</legend>
      <p class="hint">{t("admin.settings.rules.tiersHint")}</p>
      {errors.tiers && (
        <p class="field__error" role="alert" data-error-for="tiers">
          {errors.tiers}
        </p>
      )}
      <div class="asettings__scroll">
        <table class="asettings__table">
          <thead>
            <tr>
              <th scope="col">{t("admin.settings.rules.tierKey")}</th>
              <th scope="col">{t("admin.settings.rules.tierName")}</th>
              <th scope="col">{t("admin.settings.rules.tierThreshold")}</th>
              <th scope="col">{t("admin.settings.rules.tierMultiplier")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} data-tier-row={i}>
                {cell(i, "key", "tierKey", row.key, "text", t("admin.settings.rules.tierKeyOf", { n: i + 1 }))}
                {cell(i, "name", "tierName", row.name, "text", t("admin.settings.rules.tierNameOf", { n: i + 1 }))}
                {cell(
                  i,
                  "threshold",
                  "tierThreshold",
                  row.threshold,
                  "numeric",
                  t("admin.settings.rules.tierThresholdOf", { n: i + 1 }),
                )}
                {cell(
                  i,
                  "multiplier",
                  "tierMultiplier",
                  row.multiplier,
                  "decimal",
                  t("admin.settings.rules.tierMultiplierOf", { n: i + 1 }),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
