import { formatDateTime, formatYuan } from "../../format";
import { t } from "../../i18n";
import type { Change, FieldErrors, RulesPreviewView } from "./types";

export const RULES_PREVIEW_ID = "rules-preview";

export type RulesPreviewProps = {
  preview: RulesPreviewView | null;
  timeZone: string;
  /** the htmx preview of an invalid form: what to fix (the full page shows them next to the fields) */
  errors?: FieldErrors;
};

/** "tiers.1.threshold" → "等级 2 · 门槛" — which field a message is about, for the preview's list. */
function fieldLabel(name: string): string {
  const tier = /^tiers\.(\d+)\.(key|name|threshold|multiplier)$/.exec(name);
  if (tier)
    return t("admin.settings.preview.tierField", {
      n: Number(tier[1]) + 1,
      field: t(`admin.settings.rules.tier${cap(tier[2]!)}` as "admin.settings.rules.tierKey"),
    });
  const day = /^checkin(\d)$/.exec(name);
  if (day) return t("admin.settings.rules.day", { n: Number(day[1]) });
  const known: Record<string, string> = {
    pointsPerYuan: t("admin.settings.rules.pointsPerYuan"),
    newMemberBonus: t("admin.settings.rules.newMemberBonus"),
    capCheckin: t("admin.settings.cap.checkin"),
    capTask: t("admin.settings.cap.task"),
    capReferral: t("admin.settings.cap.referral"),
    capCode: t("admin.settings.cap.code"),
    capOther: t("admin.settings.cap.other"),
    maxPerEarning: t("admin.settings.rules.maxPerEarning"),
    maxPerMemberDay: t("admin.settings.rules.maxPerMemberDay"),
    expiryKind: t("admin.settings.rules.expiry"),
    expiryDays: t("admin.settings.rules.expiryDays"),
    expiryYears: t("admin.settings.rules.expiryYears"),
    tiers: t("admin.settings.rules.tiers"),
  };
  return known[name] ?? name;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function points(n: number | null): string {
  return n === null ? t("admin.settings.preview.none") : t("price.points", { points: n });
}

/** "120 积分（现为 100 积分）", or just "100 积分（不变）". */
function change<T>(c: Change<T>, show: (v: T) => string) {
  const same = JSON.stringify(c.next) === JSON.stringify(c.now);
  return (
    <span class={same ? "asettings__same" : "asettings__changed"} data-next={String(c.next)} data-now={String(c.now)}>
      {show(c.next)}
      <span class="muted">
        {same ? t("admin.settings.preview.same") : t("admin.settings.preview.was", { value: show(c.now) })}
      </span>
    </span>
  );
}

/** The effect of the rules in the form next to the saved rules. Swapped in by htmx on every change. */
export function RulesPreview({ preview, timeZone, errors }: RulesPreviewProps) {
  const when = (at: number | null) => (at === null ? t("admin.settings.preview.never") : formatDateTime(at, timeZone));
  const capText = (n: number | null) =>
    n === null ? t("admin.settings.preview.noCap") : t("price.points", { points: n });
  return (
    <section
      class="asettings__preview"
      id={RULES_PREVIEW_ID}
      aria-live="polite"
      aria-label={t("admin.settings.preview.title")}
    >
      <h3 class="asettings__subtitle">{t("admin.settings.preview.title")}</h3>
      {errors && Object.keys(errors).length > 0 ? (
        <ul class="field__error" role="alert" data-preview-errors>
          {Object.entries(errors).map(([name, message]) => (
            <li>{t("admin.settings.preview.error", { field: fieldLabel(name), message })}</li>
          ))}
        </ul>
      ) : !preview ? (
        <p class="hint">{t("admin.settings.preview.empty")}</p>
      ) : (
        <dl class="asettings__figures">
          <dt>{t("admin.settings.preview.purchase", { amount: formatYuan(preview.purchaseFen) })}</dt>
          <dd>
            <ul class="asettings__list">
              {preview.purchase.map((p) => (
                <li data-preview-purchase={p.key}>
                  {p.name}：{change(p.points, points)}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("admin.settings.preview.campaigns", { amount: formatYuan(preview.purchaseFen) })}</dt>
          <dd data-preview-campaigns>
            <ul class="asettings__list">
              <li data-preview-today>
                {t("admin.settings.preview.campaignToday", {
                  tier: preview.campaigns.tier,
                  date: preview.campaigns.today.date,
                  multiplier: preview.campaigns.today.multiplier,
                  points: preview.campaigns.today.points,
                })}
              </li>
              <li data-preview-doubling>
                {preview.campaigns.doublingDay
                  ? t("admin.settings.preview.campaignDay", {
                      tier: preview.campaigns.tier,
                      date: preview.campaigns.doublingDay.date,
                      multiplier: preview.campaigns.doublingDay.multiplier,
                      points: preview.campaigns.doublingDay.points,
                    })
                  : t("admin.settings.preview.campaignNone")}
              </li>
            </ul>
          </dd>
          <dt>{t("admin.settings.preview.checkinWeek")}</dt>
          <dd data-preview-checkin>{change(preview.checkinWeek, (n) => t("price.points", { points: n }))}</dd>
          <dt>{t("admin.settings.rules.newMemberBonus")}</dt>
          <dd data-preview-bonus>{change(preview.newMemberBonus, (n) => t("price.points", { points: n }))}</dd>
          <dt>{t("admin.settings.rules.dailyCaps")}</dt>
          <dd>
            <ul class="asettings__list">
              {preview.dailyCaps.map((c) => (
                <li data-preview-cap={c.source}>
                  {t(`admin.settings.cap.${c.source}`)}：{change(c.cap, capText)}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("admin.settings.rules.maxPerEarning")}</dt>
          <dd data-preview-max-earning>
            {change(preview.earnLimits.perEarning, (n) => t("price.points", { points: n }))}
          </dd>
          <dt>{t("admin.settings.rules.maxPerMemberDay")}</dt>
          <dd data-preview-max-day>
            {change(preview.earnLimits.perMemberDay, (n) => t("price.points", { points: n }))}
          </dd>
          <dt>{t("admin.settings.preview.tierMembers")}</dt>
          <dd>
            <ul class="asettings__list">
              {preview.tiers.map((x) => (
                <li data-preview-tier={x.key}>
                  {x.name}：
                  {change(x.members, (n) =>
                    n === null ? t("admin.settings.preview.none") : t("admin.settings.preview.members", { n }),
                  )}
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("admin.settings.preview.earnedToday")}</dt>
          <dd data-preview-expiry>{change(preview.expiry.earnedToday, when)}</dd>
          <dt>{t("admin.settings.preview.expiringSoon")}</dt>
          <dd>
            <span data-preview-expiring30={preview.expiry.expiring30}>
              {t("admin.settings.preview.expiring30", { points: preview.expiry.expiring30 })}
            </span>
            {" · "}
            <span data-preview-expiring90={preview.expiry.expiring90}>
              {t("admin.settings.preview.expiring90", { points: preview.expiry.expiring90 })}
            </span>
            <p class="hint" data-preview-lots-note>
              {preview.expiry.changed
                ? t("admin.settings.preview.lotsKeepChanged")
                : t("admin.settings.preview.lotsKeep")}
            </p>
          </dd>
        </dl>
      )}
    </section>
  );
}
