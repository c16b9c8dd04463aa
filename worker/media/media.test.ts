// Uploaded images: storeImage sniffs the bytes (PNG/JPEG/WebP/GIF only, ≤ 2 MB), stores them under their
// SHA-256 in the real local R2 bucket, and GET /media/… serves them immutable with ETag/304.
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { BASE } from "../shop/test-session";
import { sniffImage } from "./sniff-image";
import { storeImage } from "./store-image";
import { jpegHeader, pngBytes, SVG } from "./test-images";

const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => new File([bytes], name, { type });
const keyOf = (url: string) => url.replace(/^\/media\//, "");

describe("storeImage", () => {
  it("stores a PNG under img/<sha256>.png and serves it with immutable caching and nosniff", async () => {
    const bytes = await pngBytes(7, 5, Math.floor(Math.random() * 1e6));
    const out = await storeImage(env.MEDIA, file(bytes, "photo.jpg", "image/jpeg"));
    expect(out).toMatchObject({ ok: true, width: 7, height: 5 });
    if (!out.ok) return;
    const hex = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
    expect(out.url).toBe(`/media/img/${hex}.png`);
    const obj = await env.MEDIA.head(keyOf(out.url));
    expect(obj?.httpMetadata?.contentType).toBe("image/png");

    const res = await SELF.fetch(`${BASE}${out.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    const etag = res.headers.get("etag");
    expect(etag).toBeTruthy();
    const again = await SELF.fetch(`${BASE}${out.url}`, { headers: { "If-None-Match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    // the same bytes again: the same URL
    expect(await storeImage(env.MEDIA, file(bytes, "x.png", "image/png"))).toEqual(out);
  });

  it("stores a JPEG as image/jpeg with its size from the SOF header", async () => {
    const bytes = jpegHeader(640 + Math.floor(Math.random() * 100), 480);
    const out = await storeImage(env.MEDIA, file(bytes, "a.png", "image/png"));
    expect(out).toMatchObject({ ok: true, height: 480 });
    if (!out.ok) return;
    expect(out.url).toMatch(/^\/media\/img\/[0-9a-f]{64}\.jpg$/);
    const res = await SELF.fetch(`${BASE}${out.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
  });

  it("refuses SVG, garbage, an empty file and a file over 2 MB, storing nothing", async () => {
    expect(await storeImage(env.MEDIA, file(SVG, "a.png", "image/png"))).toEqual({ ok: false, code: "IMAGE_INVALID" });
    const junk = crypto.getRandomValues(new Uint8Array(1000));
    expect(await storeImage(env.MEDIA, file(junk, "a.gif", "image/gif"))).toEqual({ ok: false, code: "IMAGE_INVALID" });
    expect(await storeImage(env.MEDIA, file(new Uint8Array(), "a.png", "image/png"))).toEqual({
      ok: false,
      code: "IMAGE_INVALID",
    });
    const big = new Uint8Array(2 * 1024 * 1024 + 1);
    big.set(await pngBytes(4, 4));
    expect(await storeImage(env.MEDIA, file(big, "a.png", "image/png"))).toEqual({
      ok: false,
      code: "IMAGE_TOO_LARGE",
    });
    // other files run in parallel may add objects, but none of these keys exist
    for (const bytes of [SVG, junk]) {
      const hex = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) =>
        b.toString(16).padStart(2, "0"),
      ).join("");
      for (const ext of ["png", "jpg", "gif", "webp", "svg"])
        expect(await env.MEDIA.head(`img/${hex}.${ext}`)).toBeNull();
    }
  });

  it("sniffs GIF and WebP headers", () => {
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 3, 0, 2, 0, 0, 0, 0]);
    expect(sniffImage(gif)).toMatchObject({ ext: "gif", width: 3, height: 2 });
    const vp8x = new Uint8Array(30);
    vp8x.set(new TextEncoder().encode("RIFF"), 0);
    vp8x.set(new TextEncoder().encode("WEBPVP8X"), 8);
    vp8x.set([9, 0, 0, 4, 0, 0], 24); // 10 × 5
    expect(sniffImage(vp8x)).toMatchObject({ ext: "webp", contentType: "image/webp", width: 10, height: 5 });
  });
});

describe("GET /media/*", () => {
  it("is 404 for unknown keys and for anything not shaped like a content address", async () => {
    for (const path of [
      `/media/img/${"0".repeat(64)}.png`,
      "/media/img/../secret",
      "/media/other/x.png",
      `/media/img/${"a".repeat(64)}.svg`,
    ]) {
      const res = await SELF.fetch(`${BASE}${path}`);
      expect(res.status, path).toBe(404);
    }
  });
});
