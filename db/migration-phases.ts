// Which migrations may run while the old Worker still serves (docs/architecture.md §5.1):
//   expand   (the default) adds: tables, columns, indexes, backfills. Applied before `wrangler deploy`.
//   contract removes or renames (DROP …, RENAME, DELETE FROM). Applied only after a successful deploy, when
//            no old code is left to need what it removes. Marked by the line `-- phase: contract` at its top.
// checkMigrations() is the rule: a destructive statement in a migration not marked contract is a problem,
// and so is a contract migration that adds anything (the new code needs additions live before it deploys).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type Phase = "expand" | "contract";

export type Migration = {
  /** file name without .sql, e.g. 0003_cancel_settled */
  tag: string;
  /** the journal's timestamp: what __drizzle_migrations records as created_at */
  when: number;
  phase: Phase;
  /** statements as drizzle-kit split them (`--> statement-breakpoint`), blank ones dropped */
  statements: string[];
  /** sha256 of the file, as drizzle's migrator records it */
  hash: string;
};

/** Written before the rule existed; kept byte for byte (its hash is recorded in every database migrated since). */
export const PRE_RULE_MIGRATIONS: Readonly<Record<string, string>> = {
  "0001_redemption": "adds the redemption columns and drops orders.coupon_code (carried into coupon_codes) in one file",
};

const PHASE_LINE = /^\s*--\s*phase:\s*(\S+)\s*$/im;

export function phaseOf(sql: string): Phase | { invalid: string } {
  // Only the comment lines before the first statement count.
  let m: RegExpExecArray | null = null;
  for (const line of sql.split(/\r?\n/)) {
    if (!/^\s*(--.*)?$/.test(line)) break;
    m ??= PHASE_LINE.exec(line);
  }
  if (!m) return "expand";
  const v = m[1]!.toLowerCase();
  return v === "expand" || v === "contract" ? v : { invalid: m[1]! };
}

/** A statement's SQL without comments, on one line. */
function bare(stmt: string): string {
  return stmt
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const DESTRUCTIVE: [RegExp, string][] = [
  [/^DROP\s+(TABLE|INDEX|VIEW|TRIGGER)\b/i, "drops"],
  [/^ALTER\s+TABLE\s+\S+\s+DROP\b/i, "drops a column"],
  [/^ALTER\s+TABLE\s+\S+\s+RENAME\b/i, "renames"],
  [/^DELETE\s+FROM\b/i, "deletes rows"],
];
/** What a contract migration may not do: add (a table rebuild's `__new_` table and its copy are fine). */
const ADDITIVE: [RegExp, string][] = [
  [/^ALTER\s+TABLE\s+\S+\s+ADD\b/i, "adds a column"],
  [/^CREATE\s+(TABLE|VIEW|TRIGGER)\s+(IF\s+NOT\s+EXISTS\s+)?(?![`"']?__new_)/i, "creates"],
];

export function classify(stmt: string): { destructive: string | null; additive: string | null } {
  const s = bare(stmt);
  return {
    destructive: DESTRUCTIVE.find(([re]) => re.test(s))?.[1] ?? null,
    additive: ADDITIVE.find(([re]) => re.test(s))?.[1] ?? null,
  };
}

/** The trigger a `DROP TRIGGER` / `CREATE TRIGGER` statement names, else null. */
function triggerName(s: string, verb: "DROP" | "CREATE"): string | null {
  const m = new RegExp(`^${verb}\\s+TRIGGER\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?[\`"']?([A-Za-z0-9_]+)`, "i").exec(s);
  return m ? m[1]! : null;
}

/** The migrations of a drizzle-kit folder, in journal order. */
export function readMigrations(dir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(dir, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => {
    const text = readFileSync(join(dir, `${tag}.sql`), "utf8");
    const phase = phaseOf(text);
    if (typeof phase !== "string") throw new Error(`${tag}.sql: unknown phase "${phase.invalid}" (expand or contract)`);
    return {
      tag,
      when,
      phase,
      statements: text.split("--> statement-breakpoint").filter((s) => bare(s) !== ""),
      hash: createHash("sha256").update(text).digest("hex"),
    };
  });
}

/** Every breach of the expand/contract rule in a migrations folder (empty: all good). */
export function checkMigrations(dir: string): string[] {
  const problems: string[] = [];
  let list: Migration[];
  try {
    list = readMigrations(dir);
  } catch (err) {
    return [(err as Error).message];
  }
  for (const m of list) {
    const created = new Set(m.statements.map((st) => triggerName(bare(st), "CREATE")).filter((n) => n !== null));
    for (const stmt of m.statements) {
      const { destructive, additive } = classify(stmt);
      // A trigger dropped and created again in the same migration is replaced, not removed: no Worker code
      // reads a trigger, so the old Worker is unaffected (expand).
      const dropped = triggerName(bare(stmt), "DROP");
      if (m.phase === "expand" && dropped !== null && created.has(dropped)) continue;
      const shown = bare(stmt).slice(0, 80);
      if (m.phase === "expand" && destructive && !(m.tag in PRE_RULE_MIGRATIONS)) {
        problems.push(
          `${m.tag}.sql ${destructive} (${shown}) but is not marked \`-- phase: contract\`: the old Worker may still use it while the deploy runs`,
        );
      }
      if (m.phase === "contract" && additive) {
        problems.push(
          `${m.tag}.sql is a contract migration but ${additive} (${shown}): additions go in an expand migration, applied before the deploy`,
        );
      }
    }
  }
  return problems;
}
