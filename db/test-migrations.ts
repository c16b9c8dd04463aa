// For the migration and deploy tests: a copy of db/migrations in a temp dir with extra migrations appended to
// the journal (each a second after the previous), as drizzle-kit would have written them.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MIGRATIONS_DIR } from "./migrate";

type JournalEntry = { idx: number; version: string; when: number; tag: string; breakpoints: boolean };

export function migrationsWith(extra: { tag: string; sql: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), "mall-migrations-"));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: JournalEntry[] };
  let when = journal.entries.at(-1)!.when;
  for (const m of extra) {
    when += 1000;
    journal.entries.push({ idx: journal.entries.length, version: "6", when, tag: m.tag, breakpoints: true });
    writeFileSync(join(dir, `${m.tag}.sql`), m.sql);
  }
  writeFileSync(journalPath, JSON.stringify(journal, null, 2));
  return dir;
}
