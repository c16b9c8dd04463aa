// Small typed helpers over ctx.storage.sql (synchronous), for every object of the kernel. Every cursor is
// read to the end, so no statement is left open inside a transaction.

type Row = Record<string, SqlStorageValue>;

export function rows<T extends Row>(sql: SqlStorage, query: string, ...bindings: SqlStorageValue[]): T[] {
  return sql.exec<T>(query, ...bindings).toArray();
}

/** The first row (queries here select at most one). */
export function row<T extends Row>(sql: SqlStorage, query: string, ...bindings: SqlStorageValue[]): T | undefined {
  return rows<T>(sql, query, ...bindings)[0];
}

/** The first column of the first row as a number (0 when there is no row or the value is null). */
export function num(sql: SqlStorage, query: string, ...bindings: SqlStorageValue[]): number {
  const first = [...sql.exec(query, ...bindings).raw()][0];
  const v = first?.[0];
  return typeof v === "number" ? v : 0;
}
