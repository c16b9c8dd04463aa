// The console's group-deal form (create and edit).
import { PostForm } from "../../components/post-form";
import { t } from "../../i18n";
import { Field } from "../field";

export type DealFormValues = {
  ref: string;
  itemId: number | null;
  groupSize: number;
  pointsPrice: number | null;
  fillHours: number;
  /** datetime-local values in the merchant's zone, "" for none */
  startsAt: string;
  endsAt: string;
  enabled: boolean;
  /** tier keys ticked ([] = every tier) */
  tiers: string[];
};

export function DealForm({
  action,
  csrf,
  values,
  tierOptions,
}: {
  action: string;
  csrf: string;
  values: DealFormValues;
  /** the merchant's tiers (设置 → 会员等级) */
  tierOptions: { key: string; name: string }[];
}) {
  return (
    <PostForm csrf={csrf} class="panel" method="post" action={action} data-deal-form="">
      <input type="hidden" name="ref" value={values.ref} />
      <Field id="gd-item" label={t("admin.groupDeals.item")}>
        <input id="gd-item" name="itemId" type="number" min={1} value={values.itemId ?? ""} required />
      </Field>
      <Field id="gd-size" label={t("admin.groupDeals.size")}>
        <input id="gd-size" name="groupSize" type="number" min={2} max={50} value={values.groupSize} required />
      </Field>
      <Field id="gd-price" label={t("admin.groupDeals.price")} hint={t("admin.groupDeals.priceHint")}>
        <input id="gd-price" name="pointsPrice" type="number" min={1} value={values.pointsPrice ?? ""} required />
      </Field>
      <Field id="gd-hours" label={t("admin.groupDeals.hours")}>
        <input id="gd-hours" name="fillHours" type="number" min={1} max={336} value={values.fillHours} required />
      </Field>
      <Field id="gd-start" label={t("admin.groupDeals.startsAt")}>
        <input id="gd-start" name="startsAt" type="datetime-local" value={values.startsAt} />
      </Field>
      <Field id="gd-end" label={t("admin.groupDeals.endsAt")}>
        <input id="gd-end" name="endsAt" type="datetime-local" value={values.endsAt} />
      </Field>
      <fieldset data-deal-tiers="">
        <legend>{t("admin.groupDeals.tiers")}</legend>
        {tierOptions.map((tier) => (
          <label key={tier.key} class="check">
            <input type="checkbox" name="tiers" value={tier.key} checked={values.tiers.includes(tier.key)} />{" "}
            {tier.name}
          </label>
        ))}
      </fieldset>
      <p class="field">
        <label>
          <input type="checkbox" name="enabled" checked={values.enabled} /> {t("admin.groupDeals.enabled")}
        </label>
      </p>
      <button class="btn btn--primary" type="submit">
        {t("admin.groupDeals.save")}
      </button>
    </PostForm>
  );
}
