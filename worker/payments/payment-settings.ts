// The merchant's payment settings (Turso payment_settings, one row) and the provider built from them.
// Secrets are sealed (secret-box.ts) and leave this module only inside the provider; the console gets
// PaymentSettingsView, which says whether each secret is set and never what it is.
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { paymentSettings } from "../../db/schema";
import type { PaymentSettingsView } from "../../domain";
import { PAY_WINDOW_MINUTES } from "./order-status";
import type { PaymentProvider } from "./provider";
import { open, seal } from "./secret-box";
import { wechatPayProvider } from "./wechat-pay/provider";

export type { PaymentSettingsView };

export type PaymentSettingsInput = {
  enabled: boolean;
  mchid: string;
  appid: string;
  merchantSerialNo: string;
  platformSerialNo: string;
  platformPublicKey: string;
  /** Absent = keep the saved one (15 when none). */
  payWindowMinutes?: number;
  /** Empty = keep the saved one. */
  apiV3Key: string;
  privateKey: string;
};

type Row = typeof paymentSettings.$inferSelect;

async function readRow(db: Db): Promise<Row | null> {
  const [row] = await db.select().from(paymentSettings).where(eq(paymentSettings.id, 1)).limit(1);
  return row ?? null;
}

export async function loadPaymentSettings(db: Db): Promise<PaymentSettingsView> {
  const row = await readRow(db);
  return {
    enabled: row?.enabled ?? false,
    mchid: row?.mchid ?? "",
    appid: row?.appid ?? "",
    merchantSerialNo: row?.merchantSerialNo ?? "",
    platformSerialNo: row?.platformSerialNo ?? "",
    platformPublicKey: row?.platformPublicKey ?? "",
    apiV3KeySet: !!row?.apiV3KeySealed,
    privateKeySet: !!row?.privateKeySealed,
    payWindowMinutes: row?.payWindowMinutes ?? PAY_WINDOW_MINUTES.default,
  };
}

export async function savePaymentSettings(
  secret: string,
  db: Db,
  input: PaymentSettingsInput,
  now: number,
): Promise<void> {
  const apiV3KeySealed = input.apiV3Key ? await seal(secret, input.apiV3Key) : null;
  const privateKeySealed = input.privateKey ? await seal(secret, input.privateKey) : null;
  const values = {
    id: 1,
    provider: "wechatpay",
    enabled: input.enabled,
    mchid: input.mchid,
    appid: input.appid,
    merchantSerialNo: input.merchantSerialNo,
    platformSerialNo: input.platformSerialNo,
    platformPublicKey: input.platformPublicKey,
    updatedAt: now,
  };
  await db
    .insert(paymentSettings)
    .values({
      ...values,
      payWindowMinutes: input.payWindowMinutes ?? PAY_WINDOW_MINUTES.default,
      apiV3KeySealed: apiV3KeySealed ?? "",
      privateKeySealed: privateKeySealed ?? "",
    })
    .onConflictDoUpdate({
      target: paymentSettings.id,
      set: {
        ...values,
        payWindowMinutes: input.payWindowMinutes ?? sql`pay_window_minutes`,
        apiV3KeySealed: apiV3KeySealed ?? sql`api_v3_key_sealed`,
        privateKeySealed: privateKeySealed ?? sql`private_key_sealed`,
      },
    });
}

/** The configured provider, or null when payments are off or incomplete. */
export async function loadProvider(env: Pick<Env, "SESSION_SECRET" | "WECHATPAY_API_BASE">, db: Db) {
  const row = await readRow(db);
  if (!row?.enabled) return null;
  const [apiV3Key, privateKeyPem] = await Promise.all([
    open(env.SESSION_SECRET, row.apiV3KeySealed),
    open(env.SESSION_SECRET, row.privateKeySealed),
  ]);
  if (!apiV3Key || !privateKeyPem || !row.mchid || !row.appid || !row.platformPublicKey) return null;
  const provider: PaymentProvider = await wechatPayProvider({
    mchid: row.mchid,
    appid: row.appid,
    merchantSerialNo: row.merchantSerialNo,
    privateKeyPem,
    apiV3Key,
    platformSerialNo: row.platformSerialNo,
    platformPublicKeyPem: row.platformPublicKey,
    baseUrl: env.WECHATPAY_API_BASE,
  });
  return provider;
}
