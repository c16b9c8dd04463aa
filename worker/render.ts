// Turning views into responses. A page carries a Content-Security-Policy that allows exactly one inline
// <style>: the theme, whose text is themeCss(brandColor), so its hash goes into style-src.
import type { VNode } from "preact";
import { renderFragment, renderPage } from "../views/render";
import { knownStaticVersion, markVersioned } from "./middleware/in-app-browser";
import { versionStaticText } from "./middleware/static-versions-text";
import { themeCss } from "../views/theme";

const hashes = new Map<string, string>();

async function sha256Base64(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let bin = "";
  for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** What a page adds to its CSP: script origins (WeChat's JS-SDK on a page with a share card). */
export type CspExtra = { scriptSrc?: string[] };

export async function pageCsp(brandColor: string, extra: CspExtra = {}): Promise<string> {
  let hash = hashes.get(brandColor);
  if (!hash) {
    hash = await sha256Base64(themeCss(brandColor));
    hashes.set(brandColor, hash);
  }
  return [
    "default-src 'self'",
    ["script-src 'self'", ...(extra.scriptSrc ?? [])].join(" "),
    `style-src 'self' 'sha256-${hash}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

const HTML = "text/html; charset=utf-8";

export async function pageResponse(
  vnode: VNode,
  brandColor: string,
  status = 200,
  csp: CspExtra = {},
): Promise<Response> {
  const html = renderPage(vnode);
  // Its static URLs versioned on this text when the isolate knows their versions (every page after the first):
  // one Response, no rewriter pass (worker/middleware/in-app-browser.ts runs one only for what is not marked).
  const versioned = versionStaticText(html, knownStaticVersion);
  const res = new Response(versioned ?? html, {
    status,
    headers: {
      "Content-Type": HTML,
      "Content-Security-Policy": await pageCsp(brandColor, csp),
      "Cache-Control": "no-store",
      Vary: "HX-Request, HX-Request-Type",
    },
  });
  if (versioned !== null) markVersioned(res);
  return res;
}

export function fragmentResponse(vnode: VNode, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(renderFragment(vnode), {
    status,
    headers: { "Content-Type": HTML, "Cache-Control": "no-store", Vary: "HX-Request, HX-Request-Type", ...headers },
  });
}
