// Schema versions of a Durable Object's SQLite storage (the wallet's and the stock object's): applies the
// migrations past the recorded version, in one synchronous transaction, and records the new version.
export function migrateStorage(storage: DurableObjectStorage, migrations: readonly string[]): void {
  const sql = storage.sql;
  storage.transactionSync(() => {
    sql.exec(
      "create table if not exists schema_version (id integer primary key check (id = 1), version integer not null)",
    );
    const row = sql.exec<{ version: number }>("select version from schema_version where id = 1").toArray()[0];
    const current = row?.version ?? 0;
    for (let v = current; v < migrations.length; v++) sql.exec(migrations[v]!);
    if (current !== migrations.length) {
      sql.exec(
        "insert into schema_version (id, version) values (1, ?) on conflict(id) do update set version = excluded.version",
        migrations.length,
      );
    }
  });
}
