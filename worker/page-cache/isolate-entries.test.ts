// The isolate's copies of guest cache entries: served until their entry's expiry and not after, bounded by
// count (the oldest go first), and a page's countdown clocks re-timed by its pieces, nothing else changed.
import { afterEach, describe, expect, it } from "vitest";
import {
  claimRefresh,
  countdownPieces,
  entryCount,
  forgetIsolateEntries,
  type IsolateEntry,
  keepEntry,
  MAX_ENTRIES,
  pageAt,
  recallEntry,
  REFRESH_AHEAD_MS,
  releaseRefresh,
} from "./isolate-entries";

const entry = (html: string, until: number): IsolateEntry => ({
  pieces: countdownPieces(html)!,
  status: 200,
  headers: new Headers([["Content-Type", "text/html; charset=utf-8"]]),
  until,
});

afterEach(() => forgetIsolateEntries());

describe("isolate entries", () => {
  it("serves a copy until its entry's expiry, never at or after it", () => {
    keepEntry("k", entry("<p>a</p>", 1_000), 0);
    expect(recallEntry("k", 999)).not.toBeNull();
    expect(recallEntry("k", 1_000)).toBeNull();
    expect(entryCount()).toBe(0); // dropped when found expired
    expect(recallEntry("other", 0)).toBeNull();
  });

  it("gives the refresh of an entry near its expiry to one request, until it is kept anew or released", () => {
    keepEntry("k", entry("<p>a</p>", 10_000), 0);
    const e = recallEntry("k", 0)!;
    expect(claimRefresh(e, 10_000 - REFRESH_AHEAD_MS - 1)).toBe(false); // not near its expiry
    expect(claimRefresh(e, 10_000 - REFRESH_AHEAD_MS)).toBe(true);
    expect(claimRefresh(e, 10_000 - REFRESH_AHEAD_MS + 1)).toBe(false); // taken: the others are answered from it
    expect(recallEntry("k", 9_999)).toBe(e); // still served until its expiry
    releaseRefresh(e); // that render kept nothing: the next request may try
    expect(claimRefresh(e, 9_000)).toBe(true);
    keepEntry("k", entry("<p>b</p>", 20_000), 9_500);
    const renewed = recallEntry("k", 9_500)!;
    expect(pageAt(renewed, 0)).toBe("<p>b</p>");
    expect(claimRefresh(renewed, 9_500)).toBe(false);
  });

  it("keeps at most MAX_ENTRIES, dropping expired ones first, then the oldest", () => {
    keepEntry("expired", entry("<p>x</p>", 10), 0);
    for (let i = 0; i < MAX_ENTRIES; i++) keepEntry(`k${i}`, entry(`<p>${i}</p>`, 1_000), 20);
    expect(entryCount()).toBe(MAX_ENTRIES);
    expect(recallEntry("k0", 20)).not.toBeNull(); // the expired one made the room
    keepEntry("newest", entry("<p>n</p>", 1_000), 20);
    expect(entryCount()).toBe(MAX_ENTRIES);
    expect(recallEntry("k0", 20)).toBeNull(); // the oldest left
    expect(recallEntry("k1", 20)).not.toBeNull();
    expect(recallEntry("newest", 20)).not.toBeNull();
  });

  it("re-times every countdown clock in tags and nothing else", () => {
    const html =
      '<div class="c" data-countdown-now="123" data-countdown-to="999">1</div>' +
      "<p>text &quot;5&quot; &lt;b&gt;</p>" +
      '<span\n data-countdown-now="77">2</span>';
    const e = entry(html, 1_000);
    expect(e.pieces).toHaveLength(3);
    expect(pageAt(e, 4242)).toBe(
      '<div class="c" data-countdown-now="4242" data-countdown-to="999">1</div>' +
        "<p>text &quot;5&quot; &lt;b&gt;</p>" +
        '<span\n data-countdown-now="4242">2</span>',
    );
    expect(pageAt(entry("<p>none</p>", 1), 5)).toBe("<p>none</p>");
  });

  it("refuses pieces when the attribute appears where the pattern does not reach (HTMLRewriter re-times it)", () => {
    expect(countdownPieces('<script>x = "data-countdown-now=1"</script>')).toBeNull();
    expect(countdownPieces('<p>text data-countdown-now=&quot;5&quot;</p><i data-countdown-now="1"></i>')).toBeNull();
  });
});
