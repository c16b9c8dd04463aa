// Database constraint errors, recognised in one place. Over HTTP, Turso (sqld) and the local server send only
// SQLite's primary code, SQLITE_CONSTRAINT (docs/architecture.md §10), so which constraint failed is in the
// message SQLite writes: "UNIQUE constraint failed: items.sku" (a primary key too: "… failed: t.a, t.b"),
// "NOT NULL constraint failed: t.c", "CHECK constraint failed: <name>", "FOREIGN KEY constraint failed".
// drizzle and the libSQL client wrap the driver's error, so the chain of causes is searched.

export type ConstraintKind = "unique" | "not_null" | "check" | "foreign_key";

export type ConstraintViolation = {
  kind: ConstraintKind;
  /** `table.column` of each column of a unique / not-null constraint; a check's name; empty if not given. */
  columns: string[];
};

const KINDS: Record<string, ConstraintKind> = {
  UNIQUE: "unique",
  "NOT NULL": "not_null",
  CHECK: "check",
  "FOREIGN KEY": "foreign_key",
};

/** Extended result codes, as a local-file client reports them (when the message does not say). */
const EXTENDED: Record<string, ConstraintKind> = {
  SQLITE_CONSTRAINT_UNIQUE: "unique",
  SQLITE_CONSTRAINT_PRIMARYKEY: "unique",
  SQLITE_CONSTRAINT_NOTNULL: "not_null",
  SQLITE_CONSTRAINT_CHECK: "check",
  SQLITE_CONSTRAINT_FOREIGNKEY: "foreign_key",
};

const MESSAGE = /(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?::\s*([^\n]*))?/;

/** The constraint a database error reports as failing, or null when the error is not a constraint failure. */
export function constraintViolation(err: unknown): ConstraintViolation | null {
  let fromCode: ConstraintKind | null = null;
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { message, code, extendedCode } = e as { message?: unknown; code?: unknown; extendedCode?: unknown };
    const m = typeof message === "string" ? MESSAGE.exec(message) : null;
    if (m) {
      const columns = (m[2] ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      return { kind: KINDS[m[1]!]!, columns };
    }
    for (const c of [extendedCode, code]) if (typeof c === "string" && EXTENDED[c]) fromCode ??= EXTENDED[c];
  }
  return fromCode ? { kind: fromCode, columns: [] } : null;
}

/** Whether a unique (or primary key) constraint failed; with `on` ("table" or "table.column"), only one that
 *  covers that table or column. */
export function isUniqueViolation(err: unknown, on?: string): boolean {
  const v = constraintViolation(err);
  if (v?.kind !== "unique") return false;
  if (on === undefined) return true;
  return v.columns.some((col) => (on.includes(".") ? col === on : col.startsWith(`${on}.`)));
}
