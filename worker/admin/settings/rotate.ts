// Rotating the autologin secret: a new random secret becomes current; every secret still valid keeps
// verifying until the end of the grace period. On the first rotation the AUTOLOGIN_SECRET binding is
// recorded as a row (secret null) so its end can be set too. One batch: the rows and the audit row
// (ids and the grace end only, never a secret).
import { gt, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { autologinSecrets } from "../../../db/schema";
import type { AutologinSecretView, GraceOption } from "../../../views/admin/settings/autologin-panel";
import { newAutologinSecret, type AutologinSecretRow } from "../../identity/autologin-secrets";

export const GRACE_MS: Record<GraceOption, number> = { "1h": 3600_000, "24h": 86_400_000, "7d": 7 * 86_400_000 };

export async function rotateAutologinSecret(
  db: Db,
  actor: string,
  grace: GraceOption,
  now: number,
): Promise<{ secret: string; graceUntil: number }> {
  const secret = newAutologinSecret();
  const graceUntil = now + GRACE_MS[grace];
  const rows = await db
    .select({ id: autologinSecrets.id, validUntil: autologinSecrets.validUntil })
    .from(autologinSecrets);
  const previousIds = rows.filter((r) => r.validUntil === null || r.validUntil > now).map((r) => r.id);
  await db.batch([
    // first rotation: the binding becomes a row (only while the table is empty)
    db.run(
      sql`insert into autologin_secrets (secret, created_at, valid_until) select null, ${now}, ${graceUntil} where not exists (select 1 from autologin_secrets)`,
    ),
    db
      .update(autologinSecrets)
      .set({ validUntil: graceUntil })
      .where(or(isNull(autologinSecrets.validUntil), gt(autologinSecrets.validUntil, graceUntil))),
    db.insert(autologinSecrets).values({ secret, createdAt: now, validUntil: null }),
    db.run(
      sql`insert into audit_log (actor, action, target, before, after, at)
          select ${actor}, 'settings.autologin_rotate', 'autologin_secret:' || n.id,
            json_object('validIds', json(${JSON.stringify(previousIds)}), 'bindingRecorded', json(${rows.length === 0 ? "true" : "false"})),
            json_object('id', n.id, 'previousIds', (select json_group_array(id) from autologin_secrets where id <> n.id and valid_until = ${graceUntil}), 'graceUntil', ${graceUntil}),
            ${now}
          from autologin_secrets n where n.secret = ${secret}`,
    ),
  ]);
  return { secret, graceUntil };
}

export function secretViews(rows: AutologinSecretRow[], now: number): AutologinSecretView[] {
  return rows.map((r) => ({
    id: r.id,
    isBinding: r.secret === null,
    createdAt: r.createdAt,
    validUntil: r.validUntil,
    state: r.validUntil === null ? "current" : r.validUntil > now ? "grace" : "expired",
  }));
}
