// Lexical analysis of SQL text, just enough for the Hrana server:
//
//  - split a script into statements (for `sequence`, and to reject `execute` of several statements,
//    which the libsql driver would otherwise silently truncate to the first one);
//  - find the statement's verb (sqld reports `affected_row_count` only for INSERT/UPDATE/DELETE and
//    `last_insert_rowid` only for INSERT, so we need to know which one it is);
//  - list the parameters with SQLite's numbering rules (for `describe`, and to reject surplus
//    positional arguments).
//
// This is a tokenizer, not a parser: it understands comments, string literals and quoted identifiers,
// and uses the same state machine as `sqlite3_complete()` to know where a statement ends (a `;` inside
// `CREATE TRIGGER ... BEGIN ... END` does not end it).

export type TokenKind = "ws" | "semi" | "word" | "param" | "other";

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const isSpace = (c: string): boolean => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";
const isIdChar = (c: string): boolean => /[A-Za-z0-9_$]/.test(c) || c.charCodeAt(0) >= 0x80;
const isIdStart = (c: string): boolean => /[A-Za-z0-9_]/.test(c) || c.charCodeAt(0) >= 0x80;

/** Index just past a quoted run that starts at `start` with `quote` and escapes it by doubling. */
function skipQuoted(sql: string, start: number, close: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      if (close !== "]" && sql[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length; // unterminated: runs to the end, as SQLite's tokenizer would report an error later
}

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number): void => {
    tokens.push({ kind, text: sql.slice(i, end), start: i, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1] ?? "";
    if (isSpace(c)) {
      let j = i + 1;
      while (j < sql.length && isSpace(sql[j] as string)) j++;
      push("ws", j);
    } else if (c === "-" && next === "-") {
      const nl = sql.indexOf("\n", i + 2);
      push("ws", nl < 0 ? sql.length : nl + 1);
    } else if (c === "/" && next === "*") {
      const endComment = sql.indexOf("*/", i + 2);
      push("ws", endComment < 0 ? sql.length : endComment + 2);
    } else if (c === "'" || c === '"' || c === "`") {
      push("other", skipQuoted(sql, i, c));
    } else if (c === "[") {
      push("other", skipQuoted(sql, i, "]"));
    } else if (c === ";") {
      push("semi", i + 1);
    } else if (c === "?") {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j] as string)) j++;
      push("param", j);
    } else if ((c === ":" || c === "@" || c === "$") && next !== "" && isIdStart(next)) {
      let j = i + 1;
      while (j < sql.length && isIdChar(sql[j] as string)) j++;
      push("param", j);
    } else if (isIdChar(c)) {
      let j = i + 1;
      while (j < sql.length && isIdChar(sql[j] as string)) j++;
      push("word", j);
    } else {
      push("other", i + 1);
    }
  }
  return tokens;
}

// The `sqlite3_complete()` state machine (see SQLite's complete.c). A statement is complete when a
// `;` brings the machine back to START. The TRIGGER/SEMI/END states make `;` inside a trigger body
// not count until the closing `END;`.
enum St {
  Invalid,
  Start,
  Normal,
  Explain,
  Create,
  Trigger,
  Semi,
  End,
}
enum Tk {
  Semi,
  Ws,
  Other,
  Explain,
  Create,
  Temp,
  Trigger,
  End,
}
const TRANSITIONS: readonly (readonly St[])[] = [
  /*            SEMI      WS          OTHER       EXPLAIN     CREATE      TEMP        TRIGGER     END */
  /* Invalid */ [St.Start, St.Invalid, St.Normal, St.Explain, St.Create, St.Normal, St.Normal, St.Normal],
  /* Start   */ [St.Start, St.Start, St.Normal, St.Explain, St.Create, St.Normal, St.Normal, St.Normal],
  /* Normal  */ [St.Start, St.Normal, St.Normal, St.Normal, St.Normal, St.Normal, St.Normal, St.Normal],
  /* Explain */ [St.Start, St.Explain, St.Explain, St.Normal, St.Create, St.Normal, St.Normal, St.Normal],
  /* Create  */ [St.Start, St.Create, St.Normal, St.Normal, St.Normal, St.Create, St.Trigger, St.Normal],
  /* Trigger */ [St.Semi, St.Trigger, St.Trigger, St.Trigger, St.Trigger, St.Trigger, St.Trigger, St.Trigger],
  /* Semi    */ [St.Semi, St.Semi, St.Trigger, St.Trigger, St.Trigger, St.Trigger, St.Trigger, St.End],
  /* End     */ [St.Start, St.End, St.Trigger, St.Trigger, St.Trigger, St.Trigger, St.Trigger, St.Trigger],
];

function completeToken(tok: Token): Tk {
  switch (tok.kind) {
    case "semi":
      return Tk.Semi;
    case "ws":
      return Tk.Ws;
    case "word":
      switch (tok.text.toUpperCase()) {
        case "EXPLAIN":
          return Tk.Explain;
        case "CREATE":
          return Tk.Create;
        case "TEMP":
        case "TEMPORARY":
          return Tk.Temp;
        case "TRIGGER":
          return Tk.Trigger;
        case "END":
          return Tk.End;
        default:
          return Tk.Other;
      }
    default:
      return Tk.Other;
  }
}

/**
 * Splits a script into its statements. Each returned string is one statement's text without the
 * terminating `;`; statements that are empty or only comments are dropped.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let state = St.Invalid;
  let stmtStart = 0;
  let hasContent = false;
  for (const tok of tokenize(sql)) {
    state = (TRANSITIONS[state] as readonly St[])[completeToken(tok)] as St;
    if (tok.kind === "semi" && state === St.Start) {
      if (hasContent) out.push(sql.slice(stmtStart, tok.start).trim());
      stmtStart = tok.end;
      hasContent = false;
    } else if (tok.kind !== "ws" && tok.kind !== "semi") {
      hasContent = true;
    }
  }
  if (hasContent) out.push(sql.slice(stmtStart).trim());
  return out;
}

export type Verb = "SELECT" | "INSERT" | "UPDATE" | "DELETE" | "OTHER";

export interface StatementInfo {
  /** First keyword, upper-cased ("" if none). */
  keyword: string;
  /** The data-manipulation verb, looking past a leading `WITH ...` clause. */
  verb: Verb;
  isExplain: boolean;
  /** `BEGIN ... READONLY` (what `@libsql/client` sends for `batch(..., "read")`). */
  isBeginReadonly: boolean;
  /** Parameter names by index (0-based); `null` for an anonymous `?`. Length = highest index. */
  params: (string | null)[];
}

const DML: Record<string, Verb> = {
  SELECT: "SELECT",
  VALUES: "SELECT",
  INSERT: "INSERT",
  REPLACE: "INSERT",
  UPDATE: "UPDATE",
  DELETE: "DELETE",
};

/** Analyzes the text of a single statement. */
export function analyzeStatement(sql: string): StatementInfo {
  const tokens = tokenize(sql).filter((t) => t.kind !== "ws");
  const words = tokens.filter((t) => t.kind === "word").map((t) => t.text.toUpperCase());
  const keyword = tokens[0]?.kind === "word" ? tokens[0].text.toUpperCase() : "";

  let verb: Verb = "OTHER";
  if (keyword === "WITH") {
    // The main statement is the first DML keyword outside the parenthesised CTE bodies.
    let depth = 0;
    for (const t of tokens) {
      if (t.text === "(") depth++;
      else if (t.text === ")") depth--;
      else if (depth === 0 && t.kind === "word") {
        const v = DML[t.text.toUpperCase()];
        if (v !== undefined) {
          verb = v;
          break;
        }
      }
    }
  } else {
    verb = DML[keyword] ?? "OTHER";
  }

  return {
    keyword,
    verb,
    isExplain: keyword === "EXPLAIN",
    isBeginReadonly: keyword === "BEGIN" && words.includes("READONLY"),
    params: parameterNames(tokens),
  };
}

/**
 * SQLite's parameter numbering: `?` takes the next index after the highest so far, `?NNN` takes
 * index NNN, and a named parameter (`:a`, `@a`, `$a`) takes the next index the first time its name
 * appears and reuses it afterwards. Names are reported with their prefix, as
 * `sqlite3_bind_parameter_name()` does.
 */
function parameterNames(tokens: Token[]): (string | null)[] {
  const names: (string | null)[] = [];
  const byName = new Map<string, number>();
  for (const t of tokens) {
    if (t.kind !== "param") continue;
    if (t.text === "?") {
      names.push(null);
    } else if (t.text.startsWith("?")) {
      const index = Number(t.text.slice(1));
      while (names.length < index) names.push(null);
      if (index > 0) names[index - 1] = t.text;
    } else if (!byName.has(t.text)) {
      names.push(t.text);
      byName.set(t.text, names.length);
    }
  }
  return names;
}
