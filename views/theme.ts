// The one inline thing a page may carry: <style>{themeCss(brandColor)}</style>.
// The Worker hashes exactly this string for the CSP `style-src 'sha256-…'` source (see themeStyleHash).

export const DEFAULT_BRAND_COLOR = "#07c160";

const HEX_COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** The brand colour if it is a plain hex colour, otherwise WeChat green (settings can never inject CSS). */
export function safeBrandColor(brandColor: string): string {
  const c = brandColor.trim();
  return HEX_COLOR.test(c) ? c.toLowerCase() : DEFAULT_BRAND_COLOR;
}

function rgbOf(hex: string): [number, number, number] {
  const h = hex.slice(1);
  const full = h.length <= 4 ? [...h.slice(0, 3)].map((d) => d + d).join("") : h.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of a colour against white. */
export function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(rgbOf(safeBrandColor(hex))) + 0.05);
}

const toHex = (rgb: number[]) => "#" + rgb.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

/**
 * The brand colour darkened just enough (5% steps towards black) to reach 4.5:1 on white, so price
 * text and white button labels stay readable (WeChat green #07c160 itself is only 2.4:1).
 */
export function brandInk(brandColor: string): string {
  const rgb = rgbOf(safeBrandColor(brandColor));
  for (let keep = 1; keep > 0; keep -= 0.05) {
    const mixed = rgb.map((v) => v * keep);
    if (1.05 / (luminance(mixed.map(Math.round) as [number, number, number]) + 0.05) >= 4.5) return toHex(mixed);
  }
  return "#000000";
}

// Every page renders the theme (brandInk's search for 4.5:1 is a dozen luminance sums): a pure function of the
// colour, so each answer is kept per isolate (a mall has one brand colour; bounded all the same).
const themes = new Map<string, string>();

/** Text of the theme <style> element, e.g. ":root{--brand:#07c160;--brand-ink:#058a45}". */
export function themeCss(brandColor: string): string {
  let css = themes.get(brandColor);
  if (css === undefined) {
    const brand = safeBrandColor(brandColor);
    css = `:root{--brand:${brand};--brand-ink:${brandInk(brand)}}`;
    if (themes.size >= 64) themes.clear();
    themes.set(brandColor, css);
  }
  return css;
}

/** CSP source for the theme style: "'sha256-<base64>'" (WebCrypto; works in Workers and Node ≥ 20). */
export async function themeStyleHash(brandColor: string): Promise<string> {
  const bytes = new TextEncoder().encode(themeCss(brandColor));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  let bin = "";
  for (const b of digest) bin += String.fromCharCode(b);
  return `'sha256-${btoa(bin)}'`;
}
