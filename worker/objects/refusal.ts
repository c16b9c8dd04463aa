// What an object answers instead of throwing: a code (the error table's, worker/errors.ts) and, for the
// detail of what exactly was refused, the key of the catalogue text with its parameters. Objects hold no
// user text; the edge renders `detail` in the request's locale (worker/object-text.ts).
/** A list (tier names…) is joined by the edge in the locale's way. */
export type TextParams = Record<string, string | number | readonly string[]>;

export type Refusal<C extends string, D extends string> = { ok: false; code: C; detail: D; params?: TextParams };

export function refusal<C extends string, D extends string>(code: C, detail: D, params?: TextParams): Refusal<C, D> {
  return params ? { ok: false, code, detail, params } : { ok: false, code, detail };
}
