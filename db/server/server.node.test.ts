// The local libSQL server, proven with the official client: `@libsql/client` with an http:// URL
// (what the scripts use) and `@libsql/client/web` (what the Worker uses).
import { createClient, LibsqlBatchError, LibsqlError, type Client } from "@libsql/client";
import { createClient as createWebClient } from "@libsql/client/web";
import * as hrana from "@libsql/hrana-client";
import Database from "libsql";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLibsqlServer, type LibsqlServer } from "./server";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "libsql-server-test-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<LibsqlError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(LibsqlError);
    return e as LibsqlError;
  }
  throw new Error("expected the promise to reject");
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("libSQL server with @libsql/client", () => {
  let server: LibsqlServer;
  let client: Client;
  let bigClient: Client;
  const extraClients: Client[] = [];
  const newClient = (): Client => {
    const c = createClient({ url: server.url });
    extraClients.push(c);
    return c;
  };

  beforeAll(async () => {
    // a directory that does not exist yet
    server = await startLibsqlServer({ file: join(dir, "nested", "dir", "main.db") });
    client = createClient({ url: server.url });
    bigClient = createClient({ url: server.url, intMode: "bigint" });
  });

  afterAll(async () => {
    for (const c of [client, bigClient, ...extraClients]) c.close();
    await server.close();
  });

  it("listens on 127.0.0.1, creates the file's directory and configures the connection", async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(existsSync(join(dir, "nested", "dir", "main.db"))).toBe(true);
    const [journal, fk, sync, busy] = await client.batch([
      "PRAGMA journal_mode",
      "PRAGMA foreign_keys",
      "PRAGMA synchronous",
      "PRAGMA busy_timeout",
    ]);
    expect(journal?.rows[0]?.[0]).toBe("wal");
    expect(fk?.rows[0]?.[0]).toBe(1);
    expect(sync?.rows[0]?.[0]).toBe(1); // NORMAL
    expect(busy?.rows[0]?.[0]).toBe(0); // waits happen asynchronously in the server instead
  });

  it("answers the version probes and health check", async () => {
    const status = async (path: string): Promise<number> => (await fetch(`${server.url}${path}`)).status;
    expect(await status("/health")).toBe(200);
    expect(await status("/v2")).toBe(200);
    expect(await status("/v3")).toBe(200);
    expect(await status("/v3-protobuf")).toBe(404);
    expect(await status("/nope")).toBe(404);
    // A client asking for protocol v3 probes /v3-protobuf, gets 404 and falls back to v2 (JSON).
    const hc = hrana.openHttp(server.url, undefined, undefined, undefined, 3);
    expect(await hc.getVersion()).toBe(2);
    hc.close();
  });

  it("executes with positional args and round-trips every value type, incl. 64-bit integers and blobs", async () => {
    await client.execute("CREATE TABLE vals(id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB, n)");
    const big = 2n ** 62n + 12345n; // not representable as a JS number
    const blob = new Uint8Array([0, 1, 2, 253, 254, 255, 0]); // 7 bytes: base64 needs padding
    const text = "héllo, 世界 🌍 'quoted' \"double\"";
    const ins = await bigClient.execute({
      sql: "INSERT INTO vals(i, r, t, b, n) VALUES (?, ?, ?, ?, ?)",
      args: [big, 3.25, text, blob, null],
    });
    expect(ins.rowsAffected).toBe(1);
    expect(ins.lastInsertRowid).toBe(1n);
    await bigClient.execute({ sql: "INSERT INTO vals(i, r) VALUES (?, ?)", args: [9223372036854775807n, -0.5] });
    await bigClient.execute({ sql: "INSERT INTO vals(i) VALUES (?)", args: [-9223372036854775808n] });

    const rs = await bigClient.execute(
      "SELECT i, r, t, b, n, typeof(i), typeof(r), typeof(t), typeof(b), typeof(n) FROM vals ORDER BY id",
    );
    expect(rs.columns).toEqual([
      "i",
      "r",
      "t",
      "b",
      "n",
      "typeof(i)",
      "typeof(r)",
      "typeof(t)",
      "typeof(b)",
      "typeof(n)",
    ]);
    expect(rs.columnTypes.slice(0, 5)).toEqual(["INTEGER", "REAL", "TEXT", "BLOB", ""]);
    const [first, second, third] = rs.rows;
    expect(first?.["i"]).toBe(big);
    expect(first?.["r"]).toBe(3.25);
    expect(first?.["t"]).toBe(text);
    expect(first?.["b"]).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(first?.["b"] as ArrayBuffer)]).toEqual([...blob]);
    expect(first?.["n"]).toBeNull();
    expect(Array.from(first ?? []).slice(5)).toEqual(["integer", "real", "text", "blob", "null"]);
    expect(second?.["i"]).toBe(9223372036854775807n);
    expect(second?.["r"]).toBe(-0.5);
    expect(third?.["i"]).toBe(-9223372036854775808n);

    // A JS number is a Hrana float (REAL), a bigint or boolean an integer, as with sqld.
    const types = await client.execute({
      sql: "SELECT typeof(?), typeof(?), typeof(?), ? + 0",
      args: [1, 1n, true, 41n],
    });
    expect(Array.from(types.rows[0] ?? [])).toEqual(["real", "integer", "integer", 41]);
  });

  it("binds named args with :name, @name and $name, with or without the prefix in the key", async () => {
    const sql = "SELECT :a AS a, @b AS b, $c AS c, :a || @b AS ab";
    const bare = await client.execute({ sql, args: { a: "x", b: "y", c: null } });
    expect({ ...bare.rows[0] }).toEqual({ a: "x", b: "y", c: null, ab: "xy" });
    const prefixed = await client.execute({ sql, args: { ":a": "p", "@b": "q", $c: 7n } });
    expect({ ...prefixed.rows[0] }).toEqual({ a: "p", b: "q", c: 7, ab: "pq" });
    // numbered positional parameters
    const numbered = await client.execute({
      sql: "SELECT ?2 AS two, ?1 AS one, ?2 AS again",
      args: ["first", "second"],
    });
    expect({ ...numbered.rows[0] }).toEqual({ two: "second", one: "first", again: "second" });
  });

  it("reports rowsAffected and lastInsertRowid like sqld", async () => {
    await client.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT, qty INTEGER DEFAULT 0)");
    const ins = await client.execute({ sql: "INSERT INTO items(name) VALUES (?), (?)", args: ["a", "b"] });
    expect(ins.rowsAffected).toBe(2);
    expect(ins.lastInsertRowid).toBe(2n);
    const upd = await client.execute("UPDATE items SET qty = qty + 1");
    expect(upd.rowsAffected).toBe(2);
    expect(upd.lastInsertRowid).toBeUndefined();
    const sel = await client.execute("SELECT * FROM items");
    expect(sel.rowsAffected).toBe(0); // changes() is stale after a SELECT; sqld reports 0
    expect(sel.lastInsertRowid).toBeUndefined();
    const ret = await client.execute({ sql: "INSERT INTO items(name) VALUES (?) RETURNING id, name", args: ["c"] });
    expect(ret.rows.map((r) => ({ ...r }))).toEqual([{ id: 3, name: "c" }]);
    expect(ret.rowsAffected).toBe(1);
    expect(ret.lastInsertRowid).toBe(3n);
    const del = await client.execute("DELETE FROM items WHERE id > 1 RETURNING id");
    expect(del.rows.length).toBe(2);
    expect(del.rowsAffected).toBe(2);
  });

  it("rolls back a whole write batch when one statement fails", async () => {
    await client.execute(
      "CREATE TABLE accounts(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, balance INTEGER NOT NULL DEFAULT 0)",
    );
    const err = await rejection(
      client.batch(
        [
          { sql: "INSERT INTO accounts(name, balance) VALUES (?, ?)", args: ["alice", 10] },
          { sql: "INSERT INTO accounts(name, balance) VALUES (?, ?)", args: ["bob", 20] },
          { sql: "INSERT INTO accounts(name, balance) VALUES (?, ?)", args: ["alice", 30] },
          { sql: "INSERT INTO accounts(name, balance) VALUES (?, ?)", args: ["carol", 40] },
        ],
        "write",
      ),
    );
    expect(err).toBeInstanceOf(LibsqlBatchError);
    expect((err as LibsqlBatchError).statementIndex).toBe(2);
    expect(err.code).toBe("SQLITE_CONSTRAINT");
    expect(err.message).toContain("UNIQUE constraint failed: accounts.name");
    expect((await client.execute("SELECT count(*) AS n FROM accounts")).rows[0]?.["n"]).toBe(0);

    const ok = await client.batch(
      [
        { sql: "INSERT INTO accounts(name, balance) VALUES (?, ?)", args: ["alice", 10] },
        { sql: "INSERT INTO accounts(name, balance) VALUES (?, ?)", args: ["bob", 20] },
        "SELECT name FROM accounts ORDER BY name",
      ],
      "write",
    );
    expect(ok.map((r) => r.rowsAffected)).toEqual([1, 1, 0]);
    expect(ok[1]?.lastInsertRowid).toBe(2n);
    expect(ok[2]?.rows.map((r) => r["name"])).toEqual(["alice", "bob"]);
  });

  it("runs read batches, and refuses writes in them", async () => {
    const [count, names] = await client.batch(
      ["SELECT count(*) AS n FROM accounts", "SELECT name FROM accounts ORDER BY name DESC"],
      "read",
    );
    expect(count?.rows[0]?.["n"]).toBe(2);
    expect(names?.rows.map((r) => r["name"])).toEqual(["bob", "alice"]);
    const err = await rejection(
      client.batch([{ sql: "INSERT INTO accounts(name) VALUES (?)", args: ["mallory"] }], "read"),
    );
    expect(err.code).toBe("SQLITE_READONLY");
    expect((await client.execute("SELECT count(*) AS n FROM accounts WHERE name = 'mallory'")).rows[0]?.["n"]).toBe(0);
    // the connection went back to the pool writable
    await client.execute("UPDATE accounts SET balance = balance WHERE 0");
  });

  it("sends repeated and many statements of a batch through the SQL cache (store_sql / sql_id)", async () => {
    await client.execute("CREATE TABLE many(n INTEGER)");
    const stmts = Array.from({ length: 45 }, (_, i) => ({
      sql: `INSERT INTO many(n) VALUES (${i}) -- #${i}`,
      args: [],
    }));
    stmts.push(...stmts.slice(0, 5)); // repeats use the stored text
    const results = await client.batch(stmts, "write");
    expect(results).toHaveLength(50);
    expect((await client.execute("SELECT count(*) AS c, sum(n) AS s FROM many")).rows[0]).toMatchObject({
      c: 50,
      s: 990 + 10,
    });
  });

  it("executeMultiple runs a script, triggers and strings with semicolons included", async () => {
    await client.executeMultiple(`
      -- a script; with comments
      CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT);
      CREATE TABLE note_count(n INTEGER);
      INSERT INTO note_count VALUES (0);
      CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
        UPDATE note_count SET n = n + 1;
        UPDATE note_count SET n = n + 0;
      END;
      INSERT INTO notes(body) VALUES ('one; two');
      /* block */ INSERT INTO notes(body) VALUES ('it''s three');
    `);
    const rs = await client.execute(
      "SELECT (SELECT n FROM note_count) AS n, group_concat(body, '|') AS bodies FROM notes",
    );
    expect({ ...rs.rows[0] }).toEqual({ n: 2, bodies: "one; two|it's three" });

    // Stops at the first error; earlier statements (autocommit) stay.
    const err = await rejection(
      client.executeMultiple(
        "INSERT INTO notes(body) VALUES ('four'); INSERT INTO nope VALUES (1); INSERT INTO notes(body) VALUES ('five');",
      ),
    );
    expect(err.message).toContain("no such table: nope");
    const bodies = (await client.execute("SELECT body FROM notes ORDER BY id")).rows.map((r) => r["body"]);
    expect(bodies).toEqual(["one; two", "it's three", "four"]);
  });

  it("keeps an interactive transaction's connection: own writes visible inside, invisible outside until commit", async () => {
    const other = newClient();
    const tx = await client.transaction("write");
    await tx.execute({ sql: "INSERT INTO accounts(name, balance) VALUES (?, ?)", args: ["tx-commit", 5] });
    const inside = await tx.execute("SELECT count(*) AS n FROM accounts WHERE name = 'tx-commit'");
    expect(inside.rows[0]?.["n"]).toBe(1);
    const outside = await other.execute("SELECT count(*) AS n FROM accounts WHERE name = 'tx-commit'");
    expect(outside.rows[0]?.["n"]).toBe(0); // WAL: readers are not blocked and see the last commit
    const [upd, sel] = await tx.batch([
      "UPDATE accounts SET balance = balance + 1 WHERE name = 'tx-commit'",
      "SELECT balance FROM accounts WHERE name = 'tx-commit'",
    ]);
    expect(upd?.rowsAffected).toBe(1);
    expect(sel?.rows[0]?.["balance"]).toBe(6);
    // EXPLAIN inside the transaction must not leave a statement "in progress" that blocks COMMIT
    const plan = await tx.execute("EXPLAIN INSERT INTO accounts(name) VALUES ('never')");
    expect(plan.columns.slice(0, 2)).toEqual(["addr", "opcode"]);
    expect(plan.rows.some((r) => r["opcode"] === "Insert")).toBe(true);
    await tx.commit();
    expect(tx.closed).toBe(true);
    const after = await other.execute("SELECT balance FROM accounts WHERE name = 'tx-commit'");
    expect(after.rows[0]?.["balance"]).toBe(6);
  });

  it("rolls back an interactive transaction", async () => {
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO accounts(name) VALUES ('tx-rollback')");
    expect((await tx.execute("SELECT count(*) AS n FROM accounts WHERE name = 'tx-rollback'")).rows[0]?.["n"]).toBe(1);
    // a failing statement inside leaves the transaction open
    const err = await rejection(tx.execute("INSERT INTO accounts(name) VALUES ('tx-rollback')"));
    expect(err.code).toBe("SQLITE_CONSTRAINT");
    expect((await tx.execute("SELECT count(*) AS n FROM accounts WHERE name = 'tx-rollback'")).rows[0]?.["n"]).toBe(1);
    await tx.rollback();
    expect((await client.execute("SELECT count(*) AS n FROM accounts WHERE name = 'tx-rollback'")).rows[0]?.["n"]).toBe(
      0,
    );
  });

  it("surfaces constraint errors as LibsqlError with sqld's codes and messages", async () => {
    await client.executeMultiple(`
      CREATE TABLE parents(id INTEGER PRIMARY KEY);
      CREATE TABLE kids(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id), name TEXT UNIQUE, age INTEGER CHECK (age >= 0));
      INSERT INTO parents(id) VALUES (1);
      INSERT INTO kids(id, parent_id, name) VALUES (1, 1, 'ann');
    `);
    const cases: [string, string][] = [
      ["INSERT INTO kids(parent_id, name) VALUES (1, 'ann')", "UNIQUE constraint failed: kids.name"],
      ["INSERT INTO kids(id, parent_id) VALUES (1, 1)", "UNIQUE constraint failed: kids.id"], // PRIMARY KEY
      ["INSERT INTO kids(parent_id, name) VALUES (NULL, 'bo')", "NOT NULL constraint failed: kids.parent_id"],
      ["INSERT INTO kids(parent_id, name) VALUES (99, 'cy')", "FOREIGN KEY constraint failed"],
      ["INSERT INTO kids(parent_id, name, age) VALUES (1, 'di', -1)", "CHECK constraint failed"],
    ];
    for (const [sql, message] of cases) {
      const err = await rejection(client.execute(sql));
      expect(err.code, sql).toBe("SQLITE_CONSTRAINT");
      expect(err.message, sql).toBe(
        `SQLITE_CONSTRAINT: SQLite error: ${message}${message.startsWith("CHECK") ? ": age >= 0" : ""}`,
      );
    }
    // Compile errors and protocol-level statement errors
    expect((await rejection(client.execute("SELEC 1"))).code).toBe("SQL_INPUT_ERROR");
    expect((await rejection(client.execute("SELECT * FROM missing_table"))).message).toContain(
      "no such table: missing_table",
    );
    expect((await rejection(client.execute("SELECT 1; SELECT 2"))).code).toBe("SQL_MANY_STATEMENTS");
    expect((await rejection(client.execute("  -- nothing "))).code).toBe("SQL_NO_STATEMENT");
    expect((await rejection(client.execute({ sql: "SELECT ?", args: [1, 2] }))).code).toBe("ARGS_INVALID");
  });

  it("migrate() runs with foreign keys off, and they are back on afterwards", async () => {
    await client.migrate([
      "CREATE TABLE m_child(id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES m_parent(id))",
      "INSERT INTO m_child VALUES (1, 7)", // parent does not exist yet: allowed with foreign_keys=off
      "CREATE TABLE m_parent(id INTEGER PRIMARY KEY)",
      "INSERT INTO m_parent VALUES (7)",
    ]);
    expect(
      (await client.execute("SELECT count(*) AS n FROM m_child JOIN m_parent ON m_parent.id = parent_id")).rows[0]?.[
        "n"
      ],
    ).toBe(1);
    // Pooled connections are reset to foreign_keys=ON whichever stream used them last.
    for (let i = 0; i < 3; i++) {
      expect((await rejection(client.execute("INSERT INTO m_child VALUES (2, 99)"))).message).toContain(
        "FOREIGN KEY constraint failed",
      );
    }
  });

  it("describes statements (hrana-client's describe)", async () => {
    const hc = hrana.openHttp(server.url);
    const stream = hc.openStream();
    const sel = await stream.describe("SELECT id, name AS who FROM accounts WHERE id = :id OR name = ?3");
    expect(sel.paramNames).toEqual([":id", undefined, "?3"]); // the client maps null names to undefined
    expect(sel.columns).toEqual([
      { name: "id", decltype: "INTEGER" },
      { name: "who", decltype: "TEXT" },
    ]);
    expect(sel.isExplain).toBe(false);
    expect(sel.isReadonly).toBe(true);
    const ins = await stream.describe("INSERT INTO accounts(name) VALUES (?)");
    expect(ins.isReadonly).toBe(false);
    expect(ins.paramNames).toEqual([undefined]);
    expect(ins.columns).toEqual([]);
    const explain = await stream.describe("EXPLAIN SELECT 1");
    expect(explain.isExplain).toBe(true);
    stream.close();
    hc.close();
  });

  it("keeps exact counts with write batches racing an interactive transaction writer", async () => {
    await client.execute("CREATE TABLE counter(id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    await client.execute("INSERT INTO counter VALUES (1, 0), (2, 0)");
    await client.execute("CREATE TABLE counter_log(who TEXT)");
    const batchWriter = async (c: Client, who: string): Promise<void> => {
      for (let i = 0; i < 200; i++) {
        await c.batch(
          [
            "UPDATE counter SET n = n + 1 WHERE id = 1",
            { sql: "INSERT INTO counter_log(who) VALUES (?)", args: [who] },
          ],
          "write",
        );
      }
    };
    // Holds the write lock across HTTP round trips, so the batches' BEGIN IMMEDIATE regularly finds
    // it taken and has to wait for this COMMIT instead of failing.
    const txWriter = async (c: Client, who: string): Promise<void> => {
      for (let i = 0; i < 200; i++) {
        const tx = await c.transaction("write");
        await tx.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
        await tx.execute({ sql: "INSERT INTO counter_log(who) VALUES (?)", args: [who] });
        await tx.commit();
      }
    };
    await Promise.all([batchWriter(newClient(), "a"), batchWriter(newClient(), "b"), txWriter(newClient(), "t")]);
    expect((await client.execute("SELECT n FROM counter WHERE id = 1")).rows[0]?.["n"]).toBe(600);
    const perWriter = await client.execute("SELECT who, count(*) AS n FROM counter_log GROUP BY who ORDER BY who");
    expect(perWriter.rows.map((r) => [r["who"], r["n"]])).toEqual([
      ["a", 200],
      ["b", 200],
      ["t", 200],
    ]);
  });

  it("serialises concurrent read-modify-write transactions without lost updates", async () => {
    const worker = async (c: Client): Promise<void> => {
      for (let i = 0; i < 60; i++) {
        const tx = await c.transaction("write");
        try {
          const rs = await tx.execute("SELECT n FROM counter WHERE id = 2");
          const n = Number(rs.rows[0]?.["n"]);
          await tx.execute({ sql: "UPDATE counter SET n = ? WHERE id = 2", args: [n + 1] });
          await tx.commit();
        } finally {
          tx.close();
        }
      }
    };
    // Each BEGIN IMMEDIATE that finds the write lock taken waits (asynchronously) for the COMMIT of
    // the transaction holding it, which needs the event loop to stay free.
    await Promise.all([worker(newClient()), worker(newClient()), worker(newClient())]);
    expect((await client.execute("SELECT n FROM counter WHERE id = 2")).rows[0]?.["n"]).toBe(180);
  });

  it("lets a write batch wait for a transaction holding the lock, while reads go on", async () => {
    const tx = await client.transaction("write");
    await tx.execute("UPDATE counter SET n = n + 1000 WHERE id = 1");
    const started = performance.now();
    let batchDone = 0;
    const batch = newClient()
      .batch(["UPDATE counter SET n = n * 2 WHERE id = 1"], "write")
      .then((r) => {
        batchDone = performance.now();
        return r;
      });
    await sleep(250);
    expect(batchDone).toBe(0); // still waiting for the lock
    // the server is not blocked: reads are answered meanwhile
    expect((await newClient().execute("SELECT n FROM counter WHERE id = 1")).rows[0]?.["n"]).toBe(600);
    await tx.commit();
    await batch;
    expect(batchDone - started).toBeGreaterThanOrEqual(240);
    // the batch ran after the commit: (600 + 1000) * 2
    expect((await client.execute("SELECT n FROM counter WHERE id = 1")).rows[0]?.["n"]).toBe(3200);
  });

  it("waits for a write lock held outside the server (another process or connection)", async () => {
    const outsider = new Database(join(dir, "nested", "dir", "main.db"));
    outsider.exec("BEGIN IMMEDIATE");
    outsider.exec("UPDATE counter SET n = 0 WHERE id = 1");
    const started = performance.now();
    const batch = client.batch(["UPDATE counter SET n = n + 5 WHERE id = 1"], "write");
    await sleep(150);
    outsider.exec("COMMIT"); // no notification reaches the server: its backoff timer finds the lock free
    outsider.close();
    await batch;
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect((await client.execute("SELECT n FROM counter WHERE id = 1")).rows[0]?.["n"]).toBe(5);
  });

  it("works with @libsql/client/web (the Worker's client)", async () => {
    const web = createWebClient({ url: server.url });
    const rs = await web.execute({ sql: "SELECT ? AS x, count(*) AS n FROM accounts", args: ["web"] });
    expect({ ...rs.rows[0] }).toEqual({ x: "web", n: 3 });
    const [r] = await web.batch([{ sql: "INSERT INTO accounts(name) VALUES (?)", args: ["web-user"] }], "write");
    expect(r?.rowsAffected).toBe(1);
    web.close();
  });
});

describe("libSQL server lifecycle and limits", () => {
  it("keeps data across a restart on the same file", async () => {
    const file = join(dir, "restart.db");
    const first = await startLibsqlServer({ file });
    const c1 = createClient({ url: first.url });
    await c1.batch(["CREATE TABLE kept(v TEXT)", "INSERT INTO kept VALUES ('before restart')"], "write");
    c1.close();
    await first.close();

    const second = await startLibsqlServer({ file });
    const c2 = createClient({ url: second.url });
    expect((await c2.execute("SELECT v FROM kept")).rows.map((r) => r["v"])).toEqual(["before restart"]);
    c2.close();
    await second.close();
  });

  it("close() rolls back open transactions and refuses further requests", async () => {
    const file = join(dir, "close.db");
    const s = await startLibsqlServer({ file });
    const c = createClient({ url: s.url });
    await c.execute("CREATE TABLE t(v)");
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('uncommitted')");
    await s.close();
    await expect(fetch(`${s.url}/health`)).rejects.toThrow();
    tx.close();
    c.close();
    const again = await startLibsqlServer({ file });
    const c2 = createClient({ url: again.url });
    expect((await c2.execute("SELECT count(*) AS n FROM t")).rows[0]?.["n"]).toBe(0);
    c2.close();
    await again.close();
  });

  it("expires an abandoned stream, rolling back its transaction and releasing the write lock", async () => {
    const s = await startLibsqlServer({ file: join(dir, "expiry.db"), streamIdleTimeoutMs: 150 });
    const c = createClient({ url: s.url });
    await c.execute("CREATE TABLE t(v TEXT)");
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('abandoned')");
    // Another writer waits for the lock until the stream expires, then succeeds.
    await c.execute("INSERT INTO t VALUES ('after expiry')");
    const err = await rejection(tx.execute("SELECT 1"));
    expect(err.code).toBe("STREAM_EXPIRED");
    expect((await c.execute("SELECT v FROM t")).rows.map((r) => r["v"])).toEqual(["after expiry"]);
    tx.close();
    c.close();
    await s.close();
  });

  it("gives up with SQLITE_BUSY after the busy timeout", async () => {
    const s = await startLibsqlServer({ file: join(dir, "busy.db"), busyTimeoutMs: 200 });
    const c = createClient({ url: s.url });
    await c.execute("CREATE TABLE t(v TEXT)");
    const tx = await c.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('held')");
    const started = performance.now();
    const err = await rejection(c.batch(["INSERT INTO t VALUES ('blocked')"], "write"));
    expect(err.code).toBe("SQLITE_BUSY");
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    await tx.commit();
    expect((await c.execute("SELECT v FROM t")).rows.map((r) => r["v"])).toEqual(["held"]);
    c.close();
    await s.close();
  });
});
