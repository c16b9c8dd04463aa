// The Merchant API tokens the console mints: the token itself and what the list shows of it.

/** A new Merchant API token: `pm_` + 32 random bytes, base64url (no padding). */
export function newApiToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `pm_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "")}`;
}

/** What the list shows of a token: `pm_` and its first 4 characters. */
export const tokenPrefix = (token: string) => token.slice(0, 7);
