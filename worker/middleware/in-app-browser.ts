// What WeChat's in-app browser needs of every HTML answer, done once here with HTMLRewriter (streaming):
// - Versioned static URLs. WeChat's browser keeps css/js/images past their Cache-Control, so a deploy that
//   changes mall.css would not reach phones that have it. Every /css/, /js/, /images/ and /favicon URL in
//   link/script/img gets `?v=<content version>`: the ETag Workers static assets give the file (a hash of its
//   bytes), else a SHA-256 of them; static assets ignore the query, so the file is served as before. Looked up
//   once per file per isolate (a deploy starts new isolates).
// - No pushState under WeChat (when the mall has a WeChat account, so its pages call wx.config): WeChat on
//   iOS checks wx.config against the URL the page was entered at, so a page that pushes a new URL (htmx
//   hx-push-url on the catalogue's tabs, search and paging) would break its share card. In WeChat those
//   swaps keep the URL (hx-push-url="false"), in pages and fragments alike.
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env";
import { isWechatBrowser, wechatAccount } from "../wechat/config";
import { STATIC_PATH as STATIC } from "./static-versions-text";
// Versions found, kept per isolate as plain values: a promise made in one request and awaited in another
// can hang in workerd (I/O belongs to the request that started it), so only settled answers are shared.
const versions = new Map<string, string>();

async function versionOf(assets: Fetcher, path: string): Promise<string | null> {
  const res = await assets.fetch(new Request(`https://assets.invalid${path}`));
  if (!res.ok) {
    await res.body?.cancel();
    return null;
  }
  const etag = /[0-9A-Za-z_-]{8,}/.exec(res.headers.get("ETag") ?? "")?.[0];
  if (etag) {
    await res.body?.cancel();
    return etag.slice(0, 16);
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await res.arrayBuffer()));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function assetVersion(assets: Fetcher, path: string): Promise<string | null> {
  const known = versions.get(path);
  if (known) return known;
  const v = await versionOf(assets, path).catch(() => null);
  // a failed look-up is not remembered
  if (v !== null) versions.set(path, v);
  return v;
}

// The pages this Worker rendered whose static URLs were versioned on their text already (worker/render.ts
// pageResponse, by ./static-versions-text.ts), by their Response's body stream (Hono may copy the Response on
// the way, the stream stays the one): no second Response and no rewriter pass for them. A body that was piped
// through anything on the way (a rewriter, a cache copy) is another stream, not found here, and gets the
// rewriter as every page did before; so does a page whose text pass answered null.
const versionedBodies = new WeakSet<ReadableStream>();

/** Called by pageResponse when `res`'s body is text whose static URLs are versioned already. */
export function markVersioned(res: Response): void {
  if (res.body) versionedBodies.add(res.body);
}

/** The version this isolate knows for a static path (undefined until a rewriter pass has looked it up). */
export const knownStaticVersion = (path: string): string | undefined => versions.get(path);

/** On an answer whose static URLs are versioned already (a cached guest page, worker/page-cache): skip that pass. */
export const VERSIONED_HEADER = "X-Static-Versioned";

/** The rewriter that gives every static URL in link/script/img its `?v=` (a cached page runs it once). */
export function staticVersions(assets: Fetcher, rewriter = new HTMLRewriter()): HTMLRewriter {
  // Synchronous when this isolate knows the file's version (every request after the first): an async
  // handler costs HTMLRewriter a promise round trip per element (issue 13: 9–11% of a member page's CPU).
  const versioned = (attr: string) => ({
    element(el: Element): void | Promise<void> {
      const path = el.getAttribute(attr);
      if (!path || !STATIC.test(path)) return;
      const known = versions.get(path);
      if (known) {
        el.setAttribute(attr, `${path}?v=${known}`);
        return;
      }
      return assetVersion(assets, path).then((v) => {
        if (v) el.setAttribute(attr, `${path}?v=${v}`);
      });
    },
  });
  return rewriter
    .on("link[href]", versioned("href"))
    .on("script[src]", versioned("src"))
    .on("img[src]", versioned("src"));
}

export function inAppBrowser(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!(c.res.headers.get("Content-Type") ?? "").startsWith("text/html") || !c.res.body) return;
    const marked = c.res.headers.has(VERSIONED_HEADER);
    if (marked) c.res.headers.delete(VERSIONED_HEADER);
    const done = marked || (!c.res.bodyUsed && versionedBodies.has(c.res.body));
    const pushUrlOff = isWechatBrowser(c.req.header("User-Agent")) && wechatAccount(c.env);
    if (done && !pushUrlOff) return;
    let rewriter = done ? new HTMLRewriter() : staticVersions(c.env.ASSETS);
    if (pushUrlOff) {
      rewriter = rewriter.on("[hx-push-url]", {
        element(el) {
          el.setAttribute("hx-push-url", "false");
        },
      });
    }
    c.res = rewriter.transform(c.res);
  };
}
