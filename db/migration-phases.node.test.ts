// The expand/contract rule for migrations (docs/architecture.md §5.1): the committed migrations follow it,
// and each kind of breach is caught; the phased migrator applies expand and contract migrations separately
// and finds a contract migration left behind by a deploy.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR, pendingMigrations } from "./migrate";
import { checkMigrations, classify, phaseOf, readMigrations } from "./migration-phases";
import { connect } from "./node-client";
import { startLibsqlServer } from "./server/server";
import { migrationsWith as copyWith } from "./test-migrations";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const migrationsWith = (extra: { tag: string; sql: string }[]) => {
  const dir = copyWith(extra);
  dirs.push(dir);
  return dir;
};

describe("the expand/contract rule", () => {
  it("holds for the committed migrations (0001_redemption predates it and is exempt by name)", () => {
    expect(checkMigrations(MIGRATIONS_DIR)).toEqual([]);
    expect(readMigrations(MIGRATIONS_DIR).every((m) => m.phase === "expand")).toBe(true);
  });

  it("reads the phase from the comment lines before the first statement only", () => {
    expect(phaseOf("CREATE TABLE t (a int);")).toBe("expand");
    expect(phaseOf("-- phase: contract\nALTER TABLE t DROP COLUMN a;")).toBe("contract");
    expect(phaseOf("-- why: a\n--  Phase:  Contract \n\nDROP TABLE t;")).toBe("contract");
    expect(phaseOf("DROP TABLE t;\n-- phase: contract")).toBe("expand");
    expect(phaseOf("-- phase: later\nDROP TABLE t;")).toEqual({ invalid: "later" });
  });

  it("classifies statements", () => {
    for (const s of [
      "DROP TABLE `a`;",
      "drop index if exists a_idx",
      "ALTER TABLE `orders` DROP COLUMN `x`;",
      "ALTER TABLE a RENAME TO b",
      "ALTER TABLE a RENAME COLUMN x TO y",
      "DELETE FROM a WHERE 1",
      "-- note\nDROP VIEW v",
    ]) {
      expect(classify(s).destructive, s).not.toBeNull();
    }
    for (const s of [
      "CREATE TABLE a (x int)",
      "ALTER TABLE a ADD `y` text",
      "CREATE INDEX a_idx ON a (x)",
      "UPDATE a SET x = 1",
      "INSERT INTO a SELECT * FROM b",
    ]) {
      expect(classify(s).destructive, s).toBeNull();
    }
    expect(classify("ALTER TABLE a ADD `y` text").additive).not.toBeNull();
    expect(classify("CREATE TABLE `__new_orders` (x int)").additive).toBeNull(); // a rebuild's copy
  });

  it("flags a destructive statement in a migration not marked contract, and an addition in a contract one", () => {
    const dir = migrationsWith([
      {
        tag: "0005_unmarked_drop",
        sql: "ALTER TABLE `members` ADD `display_name` text;--> statement-breakpoint\nALTER TABLE `members` DROP COLUMN `avatar_url`;",
      },
      {
        tag: "0006_mixed_contract",
        sql: "-- phase: contract\nALTER TABLE `members` ADD `z` text;--> statement-breakpoint\nDROP TABLE `page_views`;",
      },
      { tag: "0007_good_contract", sql: "-- phase: contract\nDROP INDEX IF EXISTS `x_idx`;" },
      {
        tag: "0008_replaced_trigger",
        sql: "DROP TRIGGER IF EXISTS `t1`;--> statement-breakpoint\nCREATE TRIGGER `t1` AFTER INSERT ON `members` BEGIN SELECT 1; END;",
      },
      { tag: "0009_dropped_trigger", sql: "DROP TRIGGER `t2`;" },
    ]);
    const problems = checkMigrations(dir);
    expect(problems).toHaveLength(3);
    expect(problems[2]).toMatch(/^0009_dropped_trigger\.sql drops .* not marked `-- phase: contract`/);
    expect(problems[0]).toMatch(/^0005_unmarked_drop\.sql drops a column .* not marked `-- phase: contract`/);
    expect(problems[1]).toMatch(/^0006_mixed_contract\.sql is a contract migration but adds a column/);
  });
});

describe("the phased migrator", () => {
  it("applies expand migrations alone, then the contract one it skipped, each once", async () => {
    const dir = migrationsWith([
      { tag: "9005_display_name", sql: "ALTER TABLE `members` ADD `display_name` text;" },
      { tag: "9006_drop_avatar", sql: "-- phase: contract\nALTER TABLE `members` DROP COLUMN `avatar_url`;" },
      { tag: "9007_member_note", sql: "ALTER TABLE `members` ADD `note` text;" },
    ]);
    const tmp = mkdtempSync(join(tmpdir(), "mall-migrate-"));
    dirs.push(tmp);
    const server = await startLibsqlServer({ file: join(tmp, "mall.db") });
    const db = connect(server.url);
    try {
      const columns = async () =>
        (await db.$client.execute("select name from pragma_table_info('members')")).rows.map((r) => String(r.name));
      // a database migrated as far as today's folder, as drizzle's own migrator or this one left it
      expect(await applyMigrations(db, { dir: MIGRATIONS_DIR })).toHaveLength(readMigrations(MIGRATIONS_DIR).length);
      expect((await pendingMigrations(db, dir)).map((m) => m.tag)).toEqual([
        "9005_display_name",
        "9006_drop_avatar",
        "9007_member_note",
      ]);

      expect(await applyMigrations(db, { phase: "expand", dir })).toEqual(["9005_display_name", "9007_member_note"]);
      expect(await columns()).toEqual(expect.arrayContaining(["avatar_url", "display_name", "note"]));
      expect((await pendingMigrations(db, dir)).map((m) => m.tag)).toEqual(["9006_drop_avatar"]);

      expect(await applyMigrations(db, { phase: "contract", dir })).toEqual(["9006_drop_avatar"]);
      expect(await columns()).not.toContain("avatar_url");
      expect(await applyMigrations(db, { dir })).toEqual([]);
      const rows = await db.$client.execute("select count(*) as n from __drizzle_migrations");
      expect(Number(rows.rows[0]!.n)).toBe(readMigrations(MIGRATIONS_DIR).length + 3);
    } finally {
      db.$client.close();
      await server.close();
    }
  });
});
