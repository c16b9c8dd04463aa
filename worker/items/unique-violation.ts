// Whether a database error is a unique (or primary key) constraint failing, through any chain of causes.

export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { message, code } = e as { message?: unknown; code?: unknown };
    if (typeof message === "string" && /UNIQUE constraint failed/i.test(message)) return true;
    if (typeof code === "string" && /CONSTRAINT_(UNIQUE|PRIMARYKEY)/.test(code)) return true;
  }
  return false;
}
