// The static-URL versioning of ./in-app-browser.ts done on a page's text instead of by HTMLRewriter, for a page
// this Worker rendered itself (worker/render.ts pageResponse): every member page that is not served from the
// guest cache ran a streaming HTMLRewriter pass only to add `?v=` to a handful of link/script/img URLs
// (issue 13: the member item page, 我的积分, 我的订单). Same answer byte for byte as the rewriter gives
// (./static-versions-text.test.ts compares the two on real pages and on awkward markup), or null when this
// scan cannot be sure of that — a static URL whose version the isolate does not know yet, an attribute not in
// double quotes, an entity in the URL — and then the rewriter runs as before. A start tag it changes it writes
// out again the way the rewriter does (lol-html): the tag's name as written, each attribute after one space,
// `name=value` as written (spaces around `=` dropped), ` />` for a self-closing tag.

/** The URLs that get a version: the same test as the rewriter's. */
export const STATIC_PATH = /^\/(?:(?:css|js|images)\/[^?#]+|favicon\.svg)$/;

// Tags whose contents are not markup (the rewriter does not look inside them either), and comments.
// <noscript>'s contents depend on the parser's scripting flag: a page with one is left to the rewriter.
const OPEN = /<!--|<(link|script|img|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)(?=[\s/>])/gi;
const WANTED: Record<string, string> = { link: "href", script: "src", img: "src" };
/** HTML's ASCII whitespace (tab, LF, FF, CR, space), by char code (no regex call per character). */
const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 12 || code === 13;

// The end-tag pattern of each raw-text element, built once (lastIndex is set before every use).
const CLOSE = new Map<string, RegExp>();
function closeTag(tag: string): RegExp {
  let re = CLOSE.get(tag);
  if (!re) {
    re = new RegExp(`</${tag}(?=[\\s/>])`, "ig");
    CLOSE.set(tag, re);
  }
  return re;
}

/** `html` with each static URL given `?v=<version>`, or null (let the rewriter do it). */
export function versionStaticText(html: string, known: (path: string) => string | undefined): string | null {
  let out = "";
  let copied = 0;
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(html); m; m = OPEN.exec(html)) {
    if (m[0] === "<!--") {
      const end = html.indexOf("-->", m.index + 4);
      if (end < 0) return null;
      OPEN.lastIndex = end + 3;
      continue;
    }
    const tag = m[1]!.toLowerCase();
    if (tag === "noscript" || tag === "plaintext") return null;
    const wanted = WANTED[tag];
    // The start tag's attributes, quoted values skipped whole (a `>` inside one does not end the tag).
    const attrs: string[] = [];
    let changed = false;
    let selfClosing = false;
    let seen = false;
    let p = m.index + m[0].length;
    for (;;) {
      while (p < html.length && isSpace(html.charCodeAt(p))) p++;
      if (p >= html.length) return null;
      if (html[p] === ">") break;
      if (html[p] === "/") {
        p++;
        if (html[p] === ">") {
          selfClosing = true;
          break;
        }
        continue;
      }
      const nameStart = p;
      for (let ch = html.charCodeAt(p); p < html.length && !isSpace(ch) && ch !== 61 && ch !== 62 && ch !== 47; )
        ch = html.charCodeAt(++p); // not = > /
      const name = html.slice(nameStart, p);
      let raw: string | null = null; // the value as written, quotes included
      let value = "";
      let quoted = false;
      let q = p;
      while (q < html.length && isSpace(html.charCodeAt(q))) q++;
      if (html[q] === "=") {
        q++;
        while (q < html.length && isSpace(html.charCodeAt(q))) q++;
        const quote = html[q];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, q + 1);
          if (close < 0) return null;
          value = html.slice(q + 1, close);
          quoted = quote === '"';
          p = close + 1;
        } else {
          const valueStart = q;
          while (q < html.length && !isSpace(html.charCodeAt(q)) && html[q] !== ">") q++;
          value = html.slice(valueStart, q);
          p = q;
        }
        raw = html.slice(p - value.length - (quote === '"' || quote === "'" ? 2 : 0), p);
      }
      if (wanted && !seen && name.toLowerCase() === wanted) {
        seen = true; // the rewriter reads (and sets) the first of a repeated attribute
        if (STATIC_PATH.test(value)) {
          const version = known(value);
          if (version === undefined || !quoted || value.includes("&")) return null;
          raw = `"${value}?v=${version}"`;
          changed = true;
        }
      }
      attrs.push(raw === null ? name : `${name}=${raw}`);
    }
    if (changed) {
      // A start tag the rewriter changed is written out again: one space before each attribute, ` />`.
      out += `${html.slice(copied, m.index)}<${m[1]}${attrs.map((a) => ` ${a}`).join("")}${selfClosing ? " /" : ""}>`;
      copied = p + 1;
    }
    OPEN.lastIndex = p + 1;
    if (tag !== "link" && tag !== "img") {
      // raw text up to the element's end tag
      const close = closeTag(tag);
      close.lastIndex = p + 1;
      const end = close.exec(html);
      if (!end) return null;
      OPEN.lastIndex = end.index;
    }
  }
  return copied === 0 ? html : out + html.slice(copied);
}
