// CSV both ways (RFC 4180): parsing an upload (UTF-8 BOM, quoted fields with "" and line breaks, CRLF / LF /
// CR) and writing an export (every field quoted when needed, CRLF, and cells a spreadsheet would run as a
// formula — starting with = + - @, or a tab / CR — prefixed with ').
export type CsvRecord = { /** 1-based line the record starts on */ line: number; cells: string[] };

export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const out: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false; // the record has any content (so blank lines are skipped)
  const endRecord = () => {
    cells.push(cell);
    if (touched || cells.length > 1) out.push({ line: start, cells });
    cells = [];
    cell = "";
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      touched = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
      touched = true;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else {
      cell += ch;
      if (ch.trim() !== "") touched = true;
    }
  }
  if (cell !== "" || cells.length > 0 || touched) endRecord();
  return out;
}

const FORMULA = /^[=+\-@\t\r]/;

/** One exported cell: guarded against formula injection, quoted when it holds , " CR or LF. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: (string | number | null | undefined)[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** The UTF-8 byte order mark, so Excel reads the file as UTF-8. */
export const BOM = "\uFEFF";
