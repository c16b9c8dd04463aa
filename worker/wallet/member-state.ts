// The wallet's member record and the last rules it was called with (the alarm acts on those).
import type { WalletRules } from "./types";
import { row } from "../objects/sql";

export function walletUid(sql: SqlStorage): string | null {
  return row<{ uid: string }>(sql, "select uid from member where id = 1")?.uid ?? null;
}

/** Records the member on first contact. A different uid means the caller routed to the wrong object. */
export function rememberMember(sql: SqlStorage, uid: string, now: number): void {
  const known = walletUid(sql);
  if (known === null) {
    sql.exec("insert into member (id, uid, created_at) values (1, ?, ?)", uid, now);
  } else if (known !== uid) {
    throw new Error(`wallet of ${JSON.stringify(known)} called for uid ${JSON.stringify(uid)}`);
  }
}

export function rememberRules(sql: SqlStorage, rules: WalletRules, now: number): void {
  const json = JSON.stringify(rules);
  const stored = row<{ json: string }>(sql, "select json from rules_state where id = 1")?.json;
  if (stored === json) return;
  sql.exec(
    "insert into rules_state (id, json, updated_at) values (1, ?, ?) on conflict(id) do update set json = excluded.json, updated_at = excluded.updated_at",
    json,
    now,
  );
}

export function storedRules(sql: SqlStorage): WalletRules | null {
  const json = row<{ json: string }>(sql, "select json from rules_state where id = 1")?.json;
  return json ? (JSON.parse(json) as WalletRules) : null;
}
