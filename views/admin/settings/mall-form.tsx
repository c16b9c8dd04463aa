import { t } from "../../i18n";
import { Field, invalid } from "../field";
import type { FieldErrors, MallFormValues } from "./types";
import { PostForm } from "../../components/post-form";

export type MallFormProps = { csrf: string; values: MallFormValues; errors?: FieldErrors; saved?: boolean };

/** 商城信息: name, tagline, logo and banner (uploads), banner alt text, brand colour, time zone. */
export function MallForm({ csrf, values, errors = {}, saved }: MallFormProps) {
  const text = (name: keyof MallFormValues, label: string, maxLength: number, hint?: string) => (
    <Field id={`mall-${name}`} label={label} error={errors[name]} hint={hint}>
      <input
        class="field__input"
        id={`mall-${name}`}
        name={name}
        type="text"
        value={values[name]}
        maxLength={maxLength}
        {...invalid(`mall-${name}`, errors[name])}
      />
    </Field>
  );
  return (
    <section class="panel" id="settings-mall" aria-labelledby="settings-mall-title">
      <h2 class="panel__title" id="settings-mall-title">
        {t("admin.settings.mall.title")}
      </h2>
      {saved && (
        <p class="alert alert--info" role="status" data-saved="mall">
          {t("admin.settings.saved")}
        </p>
      )}
      {Object.keys(errors).length > 0 && (
        <p class="field__error" role="alert" data-form-error="mall">
          {t("admin.settings.fixErrors")}
        </p>
      )}
      <PostForm csrf={csrf} class="fields" method="post" action="/admin/settings/mall" enctype="multipart/form-data">
        {text("mallName", t("admin.settings.mall.name"), 30)}
        {text("tagline", t("admin.settings.mall.tagline"), 60)}
        <Field
          id="mall-logo"
          label={t("admin.settings.mall.logo")}
          error={errors.logo}
          hint={t("admin.settings.mall.imageHint")}
        >
          <img class="asettings__logo" src={values.logoUrl} alt="" width={48} height={48} />
          <input
            class="field__file"
            id="mall-logo"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            data-resize
            data-max="256"
            {...invalid("mall-logo", errors.logo)}
          />
        </Field>
        <Field
          id="mall-banner"
          label={t("admin.settings.mall.banner")}
          error={errors.banner}
          hint={t("admin.settings.mall.imageHint")}
        >
          <img class="asettings__banner" src={values.bannerUrl} alt="" />
          <input
            class="field__file"
            id="mall-banner"
            name="banner"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            data-resize
            data-max="1200"
            {...invalid("mall-banner", errors.banner)}
          />
        </Field>
        {text("bannerAlt", t("admin.settings.mall.bannerAlt"), 60, t("admin.settings.mall.bannerAltHint"))}
        <Field
          id="mall-brandColor"
          label={t("admin.settings.mall.brandColor")}
          error={errors.brandColor}
          hint={t("admin.settings.mall.brandColorHint")}
        >
          <input
            class="field__input asettings__color"
            id="mall-brandColor"
            name="brandColor"
            type="color"
            value={values.brandColor}
            {...invalid("mall-brandColor", errors.brandColor)}
          />
        </Field>
        {text("timeZone", t("admin.settings.mall.timeZone"), 64, t("admin.settings.mall.timeZoneHint"))}
        <button class="btn btn--block" type="submit">
          {t("admin.settings.mall.submit")}
        </button>
      </PostForm>
    </section>
  );
}
