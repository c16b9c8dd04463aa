// The merchant's Duiba mode settings (Turso duiba_settings, one row): the switch, appKey, the sealed appSecret
// and the merchant's three URLs. The console gets DuibaSettingsView (whether the secret is set, never what it
// is); the Worker gets a DuibaConfig only when the mode is on and complete.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { duibaSettings } from "../../db/schema";
import { open, seal } from "../payments/secret-box";
import type { DuibaConfig } from "./account-types";

export type DuibaMode = "native" | "duiba";

export type DuibaSettingsView = {
  mode: DuibaMode;
  appKey: string;
  appSecretSet: boolean;
  consumeUrl: string;
  notifyUrl: string;
  addCreditsUrl: string;
};

export type DuibaSettingsInput = Omit<DuibaSettingsView, "appSecretSet"> & {
  /** Empty = keep the saved one. */
  appSecret: string;
};

async function readRow(db: Db) {
  const [r] = await db.select().from(duibaSettings).where(eq(duibaSettings.id, 1)).limit(1);
  return r ?? null;
}

export async function loadDuibaSettings(db: Db): Promise<DuibaSettingsView> {
  const r = await readRow(db);
  return {
    mode: r?.mode ?? "native",
    appKey: r?.appKey ?? "",
    appSecretSet: !!r?.appSecretSealed,
    consumeUrl: r?.consumeUrl ?? "",
    notifyUrl: r?.notifyUrl ?? "",
    addCreditsUrl: r?.addCreditsUrl ?? "",
  };
}

export async function saveDuibaSettings(secret: string, db: Db, input: DuibaSettingsInput, now: number): Promise<void> {
  const sealed = input.appSecret ? await seal(secret, input.appSecret) : null;
  const values = {
    id: 1,
    mode: input.mode,
    appKey: input.appKey,
    consumeUrl: input.consumeUrl,
    notifyUrl: input.notifyUrl,
    addCreditsUrl: input.addCreditsUrl,
    updatedAt: now,
  };
  await db
    .insert(duibaSettings)
    .values({ ...values, appSecretSealed: sealed ?? "" })
    .onConflictDoUpdate({
      target: duibaSettings.id,
      set: { ...values, appSecretSealed: sealed ?? sql`app_secret_sealed` },
    });
}

/** The mode, and in Duiba mode the config for the calls (null while the settings are incomplete). */
export async function loadDuibaState(
  env: Pick<Env, "SESSION_SECRET">,
  db: Db,
): Promise<{ mode: "native" } | { mode: "duiba"; config: DuibaConfig | null }> {
  const r = await readRow(db);
  if (r?.mode !== "duiba") return { mode: "native" };
  const appSecret = await open(env.SESSION_SECRET, r.appSecretSealed);
  if (!appSecret || !r.appKey || !r.consumeUrl || !r.notifyUrl || !r.addCreditsUrl)
    return { mode: "duiba", config: null };
  return {
    mode: "duiba",
    config: {
      appKey: r.appKey,
      appSecret,
      consumeUrl: r.consumeUrl,
      notifyUrl: r.notifyUrl,
      addCreditsUrl: r.addCreditsUrl,
    },
  };
}

/** The config for the calls when Duiba mode is on and complete; null otherwise (the mall runs natively). */
export async function loadDuibaConfig(env: Pick<Env, "SESSION_SECRET">, db: Db): Promise<DuibaConfig | null> {
  const s = await loadDuibaState(env, db);
  return s.mode === "duiba" ? s.config : null;
}
