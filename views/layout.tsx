import type { ComponentChildren } from "preact";
import { currentLocale, t } from "./i18n";
import { LangSwitch } from "./components/lang-switch";
import { safeBrandColor, themeCss } from "./theme";
import { WechatShareHead, type WechatShareView } from "./components/wechat-share";

export type MallView = {
  name: string;
  tagline: string;
  brandColor: string;
  logoUrl: string;
  bannerUrl: string;
  bannerAlt: string;
};

export type LayoutProps = {
  mall: MallView;
  /** the whole <title> text */
  title: string;
  /** right side of the header bar: the member area (balance, tier, check-in) goes here */
  headerExtra?: ComponentChildren;
  children?: ComponentChildren;
  /** the signed wx.config and share card when the page is opened in WeChat (worker/wechat/share.ts) */
  share?: WechatShareView | null;
};

/** The page shell. The caller prepends "<!doctype html>" (renderPage does). */
export function Layout({ mall, title, headerExtra, children, share }: LayoutProps) {
  return (
    <html lang={currentLocale()}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content={safeBrandColor(mall.brandColor)} />
        <meta name="format-detection" content="telephone=no" />
        <title>{title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/css/mall.css" />
        <style>{themeCss(mall.brandColor)}</style>
        <script src="/js/htmx.min.js" defer></script>
        <script src="/js/mall.js" defer></script>
        {share && <WechatShareHead share={share} />}
      </head>
      <body>
        <header class="bar">
          <a class="bar__brand" href="/" aria-label={t("layout.home", { mall: mall.name })}>
            <img class="bar__logo" src={mall.logoUrl} width={28} height={28} alt="" />
            <span class="bar__name">{mall.name}</span>
          </a>
          {headerExtra != null && <div class="bar__extra">{headerExtra}</div>}
        </header>
        <div id="notice" class="notice-slot" aria-live="polite"></div>
        <main class="main">{children}</main>
        <footer class="foot">
          <p class="foot__text">{t("layout.footer", { mall: mall.name })}</p>
          <LangSwitch />
        </footer>
      </body>
    </html>
  );
}
