// What a redeem code is: 12 characters of an alphabet without look-alikes (no 0/O, no 1/I), drawn with
// crypto.getRandomValues by rejection sampling (a byte is used only below the largest multiple of the alphabet's
// size, so every character is equally likely: no modulo bias), shown as XXXX-XXXX-XXXX. 32^12 = 2^60 codes: a
// guesser, slowed to a few tries a minute (./guesses.ts), never finds one. The mall keeps only the SHA-256 of
// the normalised code; the code itself is shown once, when the batch is made.
//
// No pepper: a per-deployment secret would have to outlive every secret rotation (a code printed on a card is
// valid until it expires), and with 60 random bits a leaked table of hashes cannot be reversed by guessing.
export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const CODE_LENGTH = 12;

/** An integer in [0, n) from random bytes, by rejection sampling (n ≤ 256). */
function uniformBelow(n: number, next: () => number): number {
  const limit = 256 - (256 % n);
  for (;;) {
    const b = next();
    if (b < limit) return b % n;
  }
}

/** `count` distinct new codes (normalised: no separators). */
export function generateCodes(count: number): string[] {
  const out = new Set<string>();
  let pool = new Uint8Array(0);
  let at = 0;
  const next = () => {
    if (at >= pool.length) {
      pool = crypto.getRandomValues(new Uint8Array(4096));
      at = 0;
    }
    return pool[at++]!;
  };
  while (out.size < count) {
    let code = "";
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[uniformBelow(CODE_ALPHABET.length, next)];
    out.add(code);
  }
  return [...out];
}

/** XXXX-XXXX-XXXX for people (printing, the CSV). */
export const displayCode = (code: string) => code.replace(/(.{4})(?=.)/g, "$1-");

/** What a member typed, as a code: upper case, spaces and dashes dropped; null when it cannot be a code (so
 *  nothing is looked up for it). */
export function normaliseCode(input: string): string | null {
  const code = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s-]+/g, "");
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return null;
  return code;
}

/** The SHA-256 (hex) a code is stored as; also its wallet ref, `code:<hash>`. */
export async function hashCode(code: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(code));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
