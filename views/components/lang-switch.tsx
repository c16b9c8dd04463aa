import { currentBackPath, currentLocale, LOCALE_NAMES, LOCALES, type Locale, t } from "../i18n";

export type LangSwitchProps = {
  /** the page's language (default: the request's) */
  current?: Locale;
  /** the page to come back to (default: the one being shown) */
  back?: string;
};

/** The language switch of the shopper footer and the console: one plain link per language (GET /lang sets the
 *  `lang` cookie and returns to `back`, worker/locale/routes.ts), each name in its own language. */
export function LangSwitch({ current = currentLocale(), back = currentBackPath() }: LangSwitchProps) {
  return (
    <nav class="lang-switch" aria-label={t("locale.switch.label")}>
      {LOCALES.map((l: Locale) =>
        l === current ? (
          <span class="lang-switch__item" lang={l} aria-current="true">
            {LOCALE_NAMES[l]}
          </span>
        ) : (
          <a
            class="lang-switch__item"
            lang={l}
            hreflang={l}
            href={`/lang?to=${encodeURIComponent(l)}&back=${encodeURIComponent(back)}`}
          >
            {LOCALE_NAMES[l]}
          </a>
        ),
      )}
    </nav>
  );
}
