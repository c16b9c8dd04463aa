import { formatDateTime } from "../../format";
import { t } from "../../i18n";
import { Field } from "../field";
import { PostForm } from "../../components/post-form";

export type AutologinSecretView = {
  id: number;
  /** true for the AUTOLOGIN_SECRET binding (recorded at the first rotation) */
  isBinding: boolean;
  createdAt: number;
  validUntil: number | null;
  state: "current" | "grace" | "expired";
};

export type GraceOption = "1h" | "24h" | "7d";

export const GRACE_OPTIONS: GraceOption[] = ["1h", "24h", "7d"];

export type AutologinPanelProps = {
  csrf: string;
  timeZone: string;
  secrets: AutologinSecretView[];
  /** right after a rotation: the new secret, shown this once */
  rotated?: { secret: string; graceUntil: number };
};

/** 自动登录密钥: which secrets verify links now, and rotating to a new one with a grace period for the old. */
export function AutologinPanel({ csrf, timeZone, secrets, rotated }: AutologinPanelProps) {
  return (
    <section class="panel" id="settings-autologin" aria-labelledby="settings-autologin-title">
      <h2 class="panel__title" id="settings-autologin-title">
        {t("admin.settings.autologin.title")}
      </h2>
      {rotated && (
        <div class="alert alert--info" role="status" data-rotated>
          <p>{t("admin.settings.autologin.rotated", { until: formatDateTime(rotated.graceUntil, timeZone) })}</p>
          <p class="alert__detail">{t("admin.settings.autologin.showOnce")}</p>
          <p>
            <code class="ausers__password" data-new-secret>
              {rotated.secret}
            </code>
          </p>
        </div>
      )}
      <p class="hint">{t("admin.settings.autologin.hint")}</p>
      <ul class="ausers" aria-label={t("admin.settings.autologin.listLabel")}>
        {secrets.length === 0 ? (
          <li class="ausers__row" data-secret-state="current">
            {t("admin.settings.autologin.binding")} · {t("admin.settings.autologin.current")}
          </li>
        ) : (
          secrets.map((s) => (
            <li class="ausers__row" key={s.id} data-secret-id={s.id} data-secret-state={s.state}>
              <span class="ausers__main">
                <span>
                  {s.isBinding
                    ? t("admin.settings.autologin.binding")
                    : t("admin.settings.autologin.rotatedSecret", { id: s.id })}
                </span>
                <span class="muted">
                  {s.state === "current"
                    ? t("admin.settings.autologin.current")
                    : s.state === "grace"
                      ? t("admin.settings.autologin.graceUntil", { time: formatDateTime(s.validUntil ?? 0, timeZone) })
                      : t("admin.settings.autologin.expired")}
                </span>
              </span>
            </li>
          ))
        )}
      </ul>
      <PostForm csrf={csrf} class="fields" method="post" action="/admin/settings/autologin/rotate">
        <Field id="autologin-grace" label={t("admin.settings.autologin.grace")}>
          <select class="field__input" id="autologin-grace" name="grace">
            {GRACE_OPTIONS.map((g) => (
              <option value={g} selected={g === "24h"}>
                {t(`admin.settings.autologin.grace.${g}`)}
              </option>
            ))}
          </select>
        </Field>
        <button class="btn btn--block" type="submit">
          {t("admin.settings.autologin.rotate")}
        </button>
      </PostForm>
    </section>
  );
}
