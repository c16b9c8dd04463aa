import { describe, expect, it } from "vitest";
import { analyzeStatement, splitStatements } from "./sql-text";

describe("splitStatements", () => {
  it("splits on semicolons outside strings, quoted identifiers and comments", () => {
    const sql = `
      -- a comment; not a statement end
      INSERT INTO t VALUES ('a;b', "weird;col", [x;y], \`q;r\`);
      /* block; comment */ SELECT 1 ;;
      SELECT 'it''s; fine'
    `;
    expect(splitStatements(sql)).toEqual([
      `-- a comment; not a statement end
      INSERT INTO t VALUES ('a;b', "weird;col", [x;y], \`q;r\`)`,
      "/* block; comment */ SELECT 1",
      "SELECT 'it''s; fine'",
    ]);
  });

  it("keeps a trigger body with inner semicolons in one statement", () => {
    const trigger =
      "CREATE TEMP TRIGGER trg AFTER INSERT ON t BEGIN INSERT INTO log VALUES (1); UPDATE c SET n = n + 1; END";
    expect(splitStatements(`${trigger}; SELECT 2;`)).toEqual([trigger, "SELECT 2"]);
    // "trigger" as an ordinary identifier does not open a body
    expect(splitStatements("CREATE TABLE trigger_log(a); SELECT 1")).toEqual([
      "CREATE TABLE trigger_log(a)",
      "SELECT 1",
    ]);
  });

  it("drops empty and comment-only statements", () => {
    expect(splitStatements("  ; -- nothing\n ; /* x */")).toEqual([]);
    expect(splitStatements("")).toEqual([]);
  });
});

describe("analyzeStatement", () => {
  it("finds the verb, also behind WITH", () => {
    expect(analyzeStatement("select 1").verb).toBe("SELECT");
    expect(analyzeStatement("INSERT INTO t VALUES (1) RETURNING id").verb).toBe("INSERT");
    expect(analyzeStatement("REPLACE INTO t VALUES (1)").verb).toBe("INSERT");
    expect(analyzeStatement("WITH x(a) AS (SELECT 1) UPDATE t SET a = (SELECT a FROM x)").verb).toBe("UPDATE");
    expect(analyzeStatement("WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM c) DELETE FROM t").verb).toBe(
      "DELETE",
    );
    expect(analyzeStatement("CREATE TABLE t(a)").verb).toBe("OTHER");
    expect(analyzeStatement("EXPLAIN INSERT INTO t VALUES (1)").isExplain).toBe(true);
  });

  it("recognises BEGIN ... READONLY", () => {
    expect(analyzeStatement("BEGIN TRANSACTION READONLY").isBeginReadonly).toBe(true);
    expect(analyzeStatement("BEGIN IMMEDIATE").isBeginReadonly).toBe(false);
  });

  it("numbers parameters as SQLite does", () => {
    expect(analyzeStatement("SELECT ?, ?").params).toEqual([null, null]);
    expect(analyzeStatement("SELECT :a, @b, :a, $c").params).toEqual([":a", "@b", "$c"]);
    expect(analyzeStatement("SELECT ?3, ?").params).toEqual([null, null, "?3", null]);
    expect(analyzeStatement("SELECT '?', \":x\", json_extract(j, '$.a') FROM t -- ?\n").params).toEqual([]);
  });
});
