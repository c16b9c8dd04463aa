// The orders list's paging cursor: opaque to callers (base64url of "o:<createdAt>:<id>"), the position of
// the last order of the previous page in the list's order (created_at desc, id desc). Keyset paging: a
// page starts strictly after that position, so pages never overlap and never skip an order that existed.
const PREFIX = "o:";

export type OrderCursor = { createdAt: number; id: string };

export function encodeOrderCursor(c: OrderCursor): string {
  const bytes = new TextEncoder().encode(`${PREFIX}${c.createdAt}:${c.id}`);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The position inside a cursor, or null if the cursor is not one of ours. */
export function decodeOrderCursor(cursor: string): OrderCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  let text: string;
  try {
    const bin = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
    text = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
  } catch {
    return null;
  }
  const m = /^o:(0|[1-9][0-9]{0,15}):(.{1,100})$/s.exec(text);
  if (!m) return null;
  const createdAt = Number(m[1]);
  return Number.isSafeInteger(createdAt) ? { createdAt, id: m[2]! } : null;
}
