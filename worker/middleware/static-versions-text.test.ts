// The text pass (./static-versions-text.ts) against the HTMLRewriter pass it stands in for (./in-app-browser.ts
// staticVersions), in workerd: on awkward markup, and on the real member pages as the Worker answers them.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { get, login, type Member } from "../shop/test-session";
import { knownStaticVersion, staticVersions } from "./in-app-browser";
import { STATIC_PATH, versionStaticText } from "./static-versions-text";

const rewritten = (html: string) => staticVersions(env.ASSETS).transform(new Response(html)).text();
const text = (html: string) => versionStaticText(html, knownStaticVersion);

/** A page's answer with its `?v=` taken off again: the text pageResponse rendered. */
function unversioned(html: string): string {
  return html.replace(/((?:href|src)=")([^"?]+)\?v=([0-9A-Za-z_-]+)"/g, (all, pre: string, path: string, v: string) =>
    STATIC_PATH.test(path) && knownStaticVersion(path) === v ? `${pre}${path}"` : all,
  );
}

let member: Member;
let css: string;
let js: string;

beforeAll(async () => {
  member = await login();
  // A first page looks its static files up (the rewriter pass); from then on the isolate knows them.
  const html = await (await get("/items/1", member.cookie)).text();
  const paths = [...html.matchAll(/(?:href|src)="(\/[^"?]+)\?v=/g)].map((m) => m[1]!);
  css = paths.find((p) => p.startsWith("/css/"))!;
  js = paths.find((p) => p.startsWith("/js/"))!;
  expect(knownStaticVersion(css)).toBeTruthy();
  expect(knownStaticVersion(js)).toBeTruthy();
});

describe("static URLs versioned on the page's text", () => {
  it("gives what the rewriter gives on awkward markup", async () => {
    const cases = [
      `<!doctype html><html><head><link rel="stylesheet" href="${css}"/><script src="${js}" defer></script></head></html>`,
      `<img alt="a > b" src="${css}"><img src="${css}" />`,
      `<LINK REL="stylesheet" HREF="${css}"><Script SRC="${js}"></Script>`,
      `<script>var s = '<img src="${css}">';</script><img src="${css}">`,
      `<!-- <link href="${css}"> --><link href="${css}">`,
      `<img src="${css}" src="${js}"><img data-src="${css}" srcset="${css} 2x">`,
      `<textarea><img src="${css}"></textarea><title><link href="${css}"></title><style>a{background:url(${css})}</style>`,
      `<a href="${css}">not a link element</a><link href="/items/1"><script src="https://cdn.example/x.js"></script>`,
      `<link href="${css}?v=old"><img src="${css}#x"><img src = "${css}">`,
      `<p>nothing to do</p>`,
      `<link  rel="x"   href="${css}"   ><img  data-x='1' checked src="${css}" title=foo>`,
      `<img src="${css}"/ ><img src="${css}" / ><img\nsrc="${css}"\n/>`,
    ];
    for (const html of cases) {
      const mine = text(html);
      expect(mine, html).not.toBeNull();
      expect(mine, html).toBe(await rewritten(html));
    }
  });

  it("leaves to the rewriter what it cannot be sure of", () => {
    expect(text(`<img src='${css}'>`)).toBeNull(); // not in double quotes
    expect(text(`<img src=${css}>`)).toBeNull();
    expect(text(`<img src="/images/never-looked-up.png">`)).toBeNull(); // version unknown
    expect(text(`<img src="/images/a&amp;b.png">`)).toBeNull();
    expect(text(`<noscript><img src="${css}"></noscript>`)).toBeNull();
    expect(text(`<script src="${js}">`)).toBeNull(); // unclosed
  });

  it("answers the member pages exactly as the rewriter would, from the text", async () => {
    for (const path of ["/items/1", "/me/points", "/me/orders", "/"]) {
      const res = await get(path, member.cookie);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain(`${js}?v=${knownStaticVersion(js)}`);
      const rendered = unversioned(html);
      expect(rendered, path).not.toContain("?v=");
      expect(text(rendered), path).toBe(html);
      expect(await rewritten(rendered), path).toBe(html);
    }
  });
});
