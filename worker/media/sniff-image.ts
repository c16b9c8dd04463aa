// What an uploaded file really is, read from its bytes (never from its name or declared type): PNG, JPEG,
// WebP or GIF, with its pixel size from the header. Anything else (SVG, HTML, truncated files) is null, and so
// is a header claiming a size no real upload has; storeImage refuses what is merely too big (over 4096 px).
export type ImageKind = { ext: "png" | "jpg" | "webp" | "gif"; contentType: string; width: number; height: number };

const MAX_SIDE = 65535;

export function sniffImage(b: Uint8Array): ImageKind | null {
  const kind = png(b) ?? jpeg(b) ?? webp(b) ?? gif(b);
  if (!kind || kind.width < 1 || kind.height < 1 || kind.width > MAX_SIDE || kind.height > MAX_SIDE) return null;
  return kind;
}

const be16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const be32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const le16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const le24 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const ascii = (b: Uint8Array, i: number, s: string) => [...s].every((ch, k) => b[i + k] === ch.charCodeAt(0));

function png(b: Uint8Array): ImageKind | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length < 33 || !sig.every((v, i) => b[i] === v) || !ascii(b, 12, "IHDR")) return null;
  return { ext: "png", contentType: "image/png", width: be32(b, 16), height: be32(b, 20) };
}

function jpeg(b: Uint8Array): ImageKind | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = be16(b, i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { ext: "jpg", contentType: "image/jpeg", width: be16(b, i + 7), height: be16(b, i + 5) };
    }
    if (len < 2) return null;
    i += 2 + len;
  }
  return null;
}

function webp(b: Uint8Array): ImageKind | null {
  if (b.length < 30 || !ascii(b, 0, "RIFF") || !ascii(b, 8, "WEBP")) return null;
  const out = (width: number, height: number): ImageKind => ({ ext: "webp", contentType: "image/webp", width, height });
  if (ascii(b, 12, "VP8 ")) {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
    return out(le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
  }
  if (ascii(b, 12, "VP8L")) {
    if (b[20] !== 0x2f) return null;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return out((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(b, 12, "VP8X")) return out(le24(b, 24) + 1, le24(b, 27) + 1);
  return null;
}

function gif(b: Uint8Array): ImageKind | null {
  if (b.length < 10 || !(ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a"))) return null;
  return { ext: "gif", contentType: "image/gif", width: le16(b, 6), height: le16(b, 8) };
}
