// Browser harness: playwright-core driving Debian's Chromium (never a downloaded browser) at a phone
// viewport, collecting console errors and failed requests so tests can assert there are none.
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // The shoppers' phones this suite plays are set to Chinese: every context (also those a test opens without
  // phonePage) sends Accept-Language zh-CN unless it sets its own locale, whatever the machine's LANG is.
  "--lang=zh-CN",
  "--accept-lang=zh-CN,zh",
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

/**
 * A browser test file's setup, called at its top level: the stack's base URL, and one Chromium launched before
 * the file's tests and closed after them (`browser()` is that Chromium, for use inside the tests).
 */
export function useBrowser(): { base: string; browser: () => Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    base: inject("baseUrl"),
    browser: () => {
      if (!browser) throw new Error("useBrowser: Chromium is not running (use browser() inside a test)");
      return browser;
    },
  };
}

export type PhonePage = { page: Page; problems: string[] };

export const WECHAT_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800322c) NetType/WIFI Language/zh_CN";
/** The same phone's Safari: for what the mall does differently outside WeChat (URL pushes, no share card). */
export const SAFARI_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

/** A phone-sized page (iPhone 12-ish, inside WeChat's in-app browser UA unless told) that records console errors. */
export async function phonePage(browser: Browser, opts: { userAgent?: string } = {}): Promise<PhonePage> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    userAgent: opts.userAgent ?? WECHAT_UA,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
  page.on("requestfailed", (req) => {
    const error = req.failure()?.errorText ?? "";
    // An image (or the favicon, versioned `?v=` like every static URL) still loading when the page navigates away is cancelled by the browser (ERR_ABORTED): that is
    // the navigation, not a fault. Images that fail to load are caught by the tests that check naturalWidth.
    if (
      error === "net::ERR_ABORTED" &&
      (req.resourceType() === "image" || new URL(req.url()).pathname === "/favicon.svg")
    )
      return;
    // Likewise the JS-SDK's own calls (the fake WeChat's double, on pages with a share card) when the test moves on.
    if (error === "net::ERR_ABORTED" && req.url().includes("/__fake/wechat/jssdk/")) return;
    problems.push(`requestfailed: ${req.url()} ${error}`);
  });
  return { page, problems };
}
