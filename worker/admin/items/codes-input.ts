// Coupon codes as the merchant gives them: pasted one per line and/or a CSV file (its first column; a
// quoted first field is unquoted). Trimmed, blanks dropped, de-duplicated; codes the API would refuse
// (not 4–64 printable characters) are counted as rejected and not sent.
const CODE = /^[\x21-\x7e]{4,64}$/;

function firstColumn(line: string): string {
  const s = line.trim();
  if (s.startsWith('"')) {
    const end = s.indexOf('"', 1);
    return end > 0 ? s.slice(1, end) : s.slice(1);
  }
  const comma = s.search(/[,;\t]/);
  return comma >= 0 ? s.slice(0, comma) : s;
}

export function parseCodes(pasted: string, csv: string): { codes: string[]; rejected: number } {
  const candidates = [
    ...pasted.split(/\r?\n/).map((l) => l.trim()),
    ...csv
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .map(firstColumn)
      .map((c) => c.trim()),
  ];
  const seen = new Set<string>();
  let rejected = 0;
  for (const c of candidates) {
    if (c === "" || seen.has(c)) continue;
    if (!CODE.test(c)) {
      rejected++;
      continue;
    }
    seen.add(c);
  }
  return { codes: [...seen], rejected };
}
