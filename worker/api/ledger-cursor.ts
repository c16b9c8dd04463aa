// The ledger's paging cursor: opaque to merchants (base64url of "seq:<n>"), the wallet's own seq inside.
const PREFIX = "seq:";

export function encodeCursor(seq: number): string {
  return btoa(`${PREFIX}${seq}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The seq inside a cursor, or null if the cursor is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  let text: string;
  try {
    text = atob(cursor.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const m = /^seq:([1-9][0-9]{0,15})$/.exec(text);
  if (!m) return null;
  const seq = Number(m[1]);
  return Number.isSafeInteger(seq) ? seq : null;
}
