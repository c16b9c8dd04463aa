// Which secrets sign and verify autologin links (docs/architecture.md §4.1). Without any row in autologin_secrets only
// the AUTOLOGIN_SECRET binding signs. After a rotation from the console the newest row (valid_until null) is
// the current secret; older rows keep verifying until their valid_until (the grace period); a row whose
// secret is null stands for the binding itself.
import { desc } from "drizzle-orm";
import type { Db } from "../../db/client";
import { autologinSecrets } from "../../db/schema";
import { base64url } from "./hmac";

export type AutologinSecretRow = typeof autologinSecrets.$inferSelect;

/** The secrets a link may be signed with at `now`, current first. */
export function validSecrets(rows: AutologinSecretRow[], envSecret: string, now: number): string[] {
  if (rows.length === 0) return [envSecret];
  return [...rows]
    .sort((a, b) => b.id - a.id)
    .filter((r) => r.validUntil === null || r.validUntil > now)
    .map((r) => r.secret ?? envSecret);
}

/** The secret new links are signed with: the newest rotated one, else the binding. */
export function currentSecret(rows: AutologinSecretRow[], envSecret: string): string {
  const newest = [...rows].sort((a, b) => b.id - a.id).find((r) => r.validUntil === null && r.secret !== null);
  return newest?.secret ?? envSecret;
}

export function secretRowsQuery(db: Db) {
  return db.select().from(autologinSecrets).orderBy(desc(autologinSecrets.id));
}

export async function autologinSecretsAt(db: Db, envSecret: string, now: number): Promise<string[]> {
  return validSecrets(await secretRowsQuery(db), envSecret, now);
}

/** A fresh secret: 32 random bytes, base64url. */
export function newAutologinSecret(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}
