// The console's lottery form (create and edit): the campaign and up to PRIZE_ROWS prize rows.
import { t } from "../../i18n";
import { Field } from "../field";
import { PostForm } from "../../components/post-form";

export type LotteryFormValues = {
  ref: string;
  name: string;
  kind: "wheel" | "scratch";
  costPoints: number;
  dailyLimit: number;
  totalLimit: number | null;
  freeDrawsPerDay: number;
  /** datetime-local values in the merchant's zone, "" for none */
  startsAt: string;
  endsAt: string;
  /** tier keys ticked ([] = every tier) */
  tiers: string[];
  prizes: {
    id: string;
    name: string;
    kind: "points" | "item" | "none";
    points: number | null;
    itemId: number | null;
    weight: number;
    stock: number | null;
  }[];
};

export function LotteryForm({
  action,
  csrf,
  values,
  tierOptions,
  rows,
}: {
  action: string;
  csrf: string;
  values: LotteryFormValues;
  /** the merchant's tiers (设置 → 会员等级) */
  tierOptions: { key: string; name: string }[];
  rows: number;
}) {
  const p = (i: number) => values.prizes[i];
  return (
    <PostForm csrf={csrf} class="panel" method="post" action={action} data-lottery-form="">
      <input type="hidden" name="ref" value={values.ref} />
      <Field id="lf-name" label={t("admin.lotteries.name")}>
        <input id="lf-name" name="name" value={values.name} required maxLength={40} />
      </Field>
      <Field id="lf-kind" label={t("admin.lotteries.kind")}>
        <select id="lf-kind" name="kind">
          <option value="wheel" selected={values.kind === "wheel"}>
            {t("lottery.kind.wheel")}
          </option>
          <option value="scratch" selected={values.kind === "scratch"}>
            {t("lottery.kind.scratch")}
          </option>
        </select>
      </Field>
      <Field id="lf-cost" label={t("admin.lotteries.cost")}>
        <input id="lf-cost" name="costPoints" type="number" min={0} value={values.costPoints} />
      </Field>
      <Field id="lf-daily" label={t("admin.lotteries.daily")}>
        <input id="lf-daily" name="dailyLimit" type="number" min={1} value={values.dailyLimit} />
      </Field>
      <Field id="lf-total" label={t("admin.lotteries.total")}>
        <input id="lf-total" name="totalLimit" type="number" min={1} value={values.totalLimit ?? ""} />
      </Field>
      <Field id="lf-free" label={t("admin.lotteries.free")}>
        <input id="lf-free" name="freeDrawsPerDay" type="number" min={0} value={values.freeDrawsPerDay} />
      </Field>
      <Field id="lf-start" label={t("admin.lotteries.startsAt")}>
        <input id="lf-start" name="startsAt" type="datetime-local" value={values.startsAt} />
      </Field>
      <Field id="lf-end" label={t("admin.lotteries.endsAt")}>
        <input id="lf-end" name="endsAt" type="datetime-local" value={values.endsAt} />
      </Field>
      <fieldset data-lottery-tiers="">
        <legend>{t("admin.lotteries.tiers")}</legend>
        {tierOptions.map((tier) => (
          <label key={tier.key} class="check">
            <input type="checkbox" name="tiers" value={tier.key} checked={values.tiers.includes(tier.key)} />{" "}
            {tier.name}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("admin.lotteries.prizes")}</legend>
        <table class="atable">
          <thead>
            <tr>
              <th>{t("admin.lotteries.prizeName")}</th>
              <th>{t("admin.lotteries.prizeKind")}</th>
              <th>{t("admin.lotteries.prizePoints")}</th>
              <th>{t("admin.lotteries.prizeItem")}</th>
              <th>{t("admin.lotteries.weight")}</th>
              <th>{t("admin.lotteries.stock")}</th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => (
              <tr key={i}>
                <td>
                  <input type="hidden" name={`prize_id_${i}`} value={p(i)?.id ?? ""} />
                  <input
                    name={`prize_name_${i}`}
                    value={p(i)?.name ?? ""}
                    maxLength={40}
                    aria-label={t("admin.lotteries.prizeName")}
                  />
                </td>
                <td>
                  <select name={`prize_kind_${i}`} aria-label={t("admin.lotteries.prizeKind")}>
                    {(["points", "item", "none"] as const).map((k) => (
                      <option key={k} value={k} selected={(p(i)?.kind ?? "points") === k}>
                        {t(`admin.lotteries.prizeKind.${k}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    name={`prize_points_${i}`}
                    type="number"
                    min={1}
                    value={p(i)?.points ?? ""}
                    aria-label={t("admin.lotteries.prizePoints")}
                  />
                </td>
                <td>
                  <input
                    name={`prize_item_${i}`}
                    type="number"
                    min={1}
                    value={p(i)?.itemId ?? ""}
                    aria-label={t("admin.lotteries.prizeItem")}
                  />
                </td>
                <td>
                  <input
                    name={`prize_weight_${i}`}
                    type="number"
                    min={1}
                    value={p(i)?.weight ?? ""}
                    aria-label={t("admin.lotteries.weight")}
                  />
                </td>
                <td>
                  <input
                    name={`prize_stock_${i}`}
                    type="number"
                    min={0}
                    value={p(i)?.stock ?? ""}
                    aria-label={t("admin.lotteries.stock")}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>
      <button class="btn" type="submit">
        {t("admin.lotteries.save")}
      </button>
    </PostForm>
  );
}
