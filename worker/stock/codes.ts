// The coupon-code pool: imported codes are given out first-in first-out, one per unit, at confirm; a coupon
// item with no imported pool gets codes the object generates (unique within the item: the codes table's
// primary key). Either way every code is given to exactly one sale and never again.
import { num, rows } from "../objects/sql";

/** No 0/O, 1/I/L: codes are read aloud and typed at the counter. */
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const MAX_CODE_LENGTH = 64;

export function generateCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let s = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % 4 === 0) s += "-";
    s += ALPHABET[bytes[i]! % ALPHABET.length];
  }
  return s;
}

const nextSeq = (sql: SqlStorage) => num(sql, "select max(seq) from codes") + 1;

/** Gives `qty` codes to the sale `key`: free imported codes first (oldest first), generated ones for the rest. */
export function giveCodes(sql: SqlStorage, key: string, qty: number, now: number): string[] {
  const free = rows<{ code: string }>(
    sql,
    "select code from codes where hold_key is null order by seq limit ?",
    qty,
  ).map((r) => r.code);
  for (const code of free) sql.exec("update codes set hold_key = ?, given_at = ? where code = ?", key, now, code);
  if (free.length > 0) sql.exec("update item set codes_free = codes_free - ? where id = 1", free.length);
  const out = [...free];
  while (out.length < qty) {
    const code = generateCode();
    if (num(sql, "select count(*) from codes where code = ?", code) > 0) continue;
    sql.exec(
      "insert into codes (code, source, seq, hold_key, added_at, given_at) values (?, 'generated', ?, ?, ?, ?)",
      code,
      nextSeq(sql),
      key,
      now,
      now,
    );
    out.push(code);
  }
  return out;
}

/** What an imported line is: the code, trimmed; "" for a blank line (skipped); null when it is no code (not a
 *  string, or longer than MAX_CODE_LENGTH once trimmed: counted as invalid). One rule for a shard's import and
 *  for the placement across shards (place-codes.ts). */
export function importedCode(raw: unknown): string | null {
  if (typeof raw !== "string") return null;
  const code = raw.trim();
  return code.length > MAX_CODE_LENGTH ? null : code;
}

/** Imports codes: trimmed; blank ones ignored; codes already in the pool (given out or not) or repeated in
 *  the input are skipped and counted as duplicates; codes longer than MAX_CODE_LENGTH (or not strings) are
 *  skipped and counted as invalid. */
export function importCodes(
  sql: SqlStorage,
  codes: unknown[],
  now: number,
): { added: number; duplicates: number; invalid: number } {
  let added = 0;
  let duplicates = 0;
  let invalid = 0;
  let seq = nextSeq(sql);
  for (const raw of codes) {
    const code = importedCode(raw);
    if (code === "") continue;
    if (code === null) {
      invalid += 1;
      continue;
    }
    if (num(sql, "select count(*) from codes where code = ?", code) > 0) {
      duplicates += 1;
      continue;
    }
    sql.exec("insert into codes (code, source, seq, added_at) values (?, 'imported', ?, ?)", code, seq++, now);
    added += 1;
  }
  if (added > 0)
    sql.exec(
      "update item set codes_free = codes_free + ?, codes_imported = codes_imported + ? where id = 1",
      added,
      added,
    );
  return { added, duplicates, invalid };
}
