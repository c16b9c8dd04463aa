import { t } from "../../i18n";
import { Field, invalid } from "../field";
import type { CategoryOption, FieldErrors, ItemFormValues, TierOption } from "./types";
import { ITEM_TYPES, MAX_SHARDS } from "../../../domain";
import { PostForm } from "../../components/post-form";

export type ItemFormProps = {
  mode: "create" | "edit";
  /** edit: the item's id */
  itemId?: number;
  csrf: string;
  values: ItemFormValues;
  errors: FieldErrors;
  categories: CategoryOption[];
  tiers: TierOption[];
  timeZone: string;
};

/** Every field the Merchant API has, as a multipart form (images uploaded with it). */
export function ItemForm({ mode, itemId, csrf, values, errors, categories, tiers, timeZone }: ItemFormProps) {
  const id = (f: string) => `item-${f}`;
  const text = (
    f: keyof ItemFormValues & keyof FieldErrors,
    label: string,
    attrs: Record<string, unknown> = {},
    hint?: string,
  ) => (
    <Field id={id(f)} name={f} label={label} error={errors[f]} hint={hint}>
      <input
        class="field__input"
        id={id(f)}
        name={f}
        value={values[f] as string}
        {...invalid(id(f), errors[f])}
        {...attrs}
      />
    </Field>
  );
  return (
    <PostForm
      csrf={csrf}
      class="fields aitem__form"
      method="post"
      action={mode === "create" ? "/admin/items" : `/admin/items/${itemId}`}
      enctype="multipart/form-data"
      data-item-form={mode}
    >
      {errors.form && (
        <p class="field__error" role="alert" data-field-error="form">
          {errors.form}
        </p>
      )}
      {mode === "create" ? (
        text(
          "sku",
          t("admin.items.field.sku"),
          { required: true, maxLength: 64, autocomplete: "off" },
          t("admin.items.hint.sku"),
        )
      ) : (
        <p class="muted">
          {t("admin.items.field.sku")}: <code data-item-sku>{values.sku}</code>
        </p>
      )}
      {text("name", t("admin.items.field.name"), { required: true, maxLength: 60 })}
      <Field id={id("type")} name="type" label={t("admin.items.field.type")} error={errors.type}>
        <select class="field__input" id={id("type")} name="type">
          {ITEM_TYPES.map((ty) => (
            <option value={ty} selected={values.type === ty}>
              {t(`admin.items.type.${ty}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("categoryId")} name="categoryId" label={t("admin.items.field.category")} error={errors.categoryId}>
        <select class="field__input" id={id("categoryId")} name="categoryId">
          <option value="">{t("admin.items.noCategory")}</option>
          {categories.map((cat) => (
            <option value={String(cat.id)} selected={values.categoryId === String(cat.id)}>
              {cat.name}
            </option>
          ))}
        </select>
      </Field>
      <div class="aitem__row">
        {text("points", t("admin.items.field.points"), { inputMode: "numeric", required: true })}
        {text("cashYuan", t("admin.items.field.cashYuan"), { inputMode: "decimal", placeholder: "0.00" })}
        {text("originalPoints", t("admin.items.field.originalPoints"), { inputMode: "numeric" })}
      </div>
      <div class="aitem__row">
        {mode === "create" && text("stock", t("admin.items.field.stock"), { inputMode: "numeric", required: true })}
        {text(
          "perMemberLimit",
          t("admin.items.field.perMemberLimit"),
          { inputMode: "numeric" },
          t("admin.items.hint.perMemberLimit"),
        )}
        {mode === "create" ? (
          text(
            "stockShards",
            t("admin.items.field.stockShards"),
            { inputMode: "numeric", placeholder: t("admin.items.placeholder.stockShards") },
            t("admin.items.hint.stockShards", { max: MAX_SHARDS }),
          )
        ) : (
          <p class="muted">
            {t("admin.items.field.stockShards")}: <span data-item-shards>{values.stockShards}</span>（
            {t("admin.items.hint.stockShardsFixed")}）
          </p>
        )}
      </div>
      <fieldset class="aitem__set">
        <legend>{t("admin.items.visibleWindow", { timeZone })}</legend>
        <div class="aitem__row">
          {text("visibleFrom", t("admin.items.field.from"), { type: "datetime-local" })}
          {text("visibleUntil", t("admin.items.field.until"), { type: "datetime-local" })}
        </div>
      </fieldset>
      <fieldset class="aitem__set">
        <legend>{t("admin.items.saleWindow", { timeZone })}</legend>
        <div class="aitem__row">
          {text("saleStartsAt", t("admin.items.field.from"), { type: "datetime-local" })}
          {text("saleEndsAt", t("admin.items.field.until"), { type: "datetime-local" })}
        </div>
      </fieldset>
      <fieldset class={errors.tiers ? "aitem__set field--error" : "aitem__set"}>
        <legend>{t("admin.items.field.tiers")}</legend>
        <p class="hint">{t("admin.items.hint.tiers")}</p>
        {tiers.map((tier) => (
          <label class="aitem__check">
            <input type="checkbox" name="tiers" value={tier.key} checked={values.tiers.includes(tier.key)} />{" "}
            {tier.name}
          </label>
        ))}
        {errors.tiers && (
          <p class="field__error" data-field-error="tiers" role="alert">
            {errors.tiers}
          </p>
        )}
      </fieldset>
      <Field
        id={id("description")}
        name="description"
        label={t("admin.items.field.description")}
        error={errors.description}
      >
        <textarea
          class="field__input aitem__textarea"
          id={id("description")}
          name="description"
          rows={5}
          maxLength={2000}
        >
          {values.description}
        </textarea>
      </Field>
      <fieldset class={errors.images ? "aitem__set field--error" : "aitem__set"}>
        <legend>{t("admin.items.field.images")}</legend>
        {values.images.length > 0 && (
          <ul class="aitem__images">
            {values.images.map((img) => (
              <li class="aitem__image">
                <img src={img.url} width={img.width} height={img.height} alt={img.alt} loading="lazy" />
                <label class="aitem__check">
                  <input type="checkbox" name="keepImage" value={img.url} checked /> {t("admin.items.keepImage")}
                </label>
              </li>
            ))}
          </ul>
        )}
        <input
          class="aitem__file"
          id={id("images")}
          name="images"
          type="file"
          accept="image/png,image/jpeg,image/webp,image/gif"
          multiple
          data-resize
          data-max="1080"
        />
        <p class="hint">{t("admin.items.hint.images")}</p>
        {errors.images && (
          <p class="field__error" data-field-error="images" role="alert">
            {errors.images}
          </p>
        )}
      </fieldset>
      <button class="btn btn--block" type="submit">
        {mode === "create" ? t("admin.items.create.submit") : t("admin.items.edit.submit")}
      </button>
    </PostForm>
  );
}
