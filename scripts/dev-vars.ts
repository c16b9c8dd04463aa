// .dev.vars: the local secrets (KEY=value lines, git-ignored). Created on the first `npm start` with fresh
// random values, kept on later runs; keys that are missing are added, existing ones never changed.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "../db/node-client";
import { autologinSecrets } from "../db/schema";
import { currentSecret } from "../worker/identity/autologin-secrets";

export type DevVars = Record<string, string>;

const GENERATORS: Record<string, () => string> = {
  AUTOLOGIN_SECRET: () => randomBytes(32).toString("hex"),
  MERCHANT_API_TOKEN: () => `pm_${randomBytes(24).toString("base64url")}`,
  SESSION_SECRET: () => randomBytes(32).toString("hex"),
  ADMIN_EMAIL: () => "owner@example.com",
  ADMIN_PASSWORD: () => randomBytes(12).toString("base64url"),
};

export function parseDevVars(text: string): DevVars {
  const vars: DevVars = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) vars[m[1]!] = m[2]!.replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

export function ensureDevVars(path: string): { vars: DevVars; added: string[] } {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const vars = parseDevVars(text);
  const added = Object.keys(GENERATORS).filter((k) => !vars[k]);
  if (added.length) {
    for (const k of added) vars[k] = GENERATORS[k]!();
    const lines = added.map((k) => `${k}=${vars[k]}`);
    const prefix = text && !text.endsWith("\n") ? "\n" : "";
    const header = text ? "" : "# Local secrets for `npm start` (git-ignored). Generated once; edit freely.\n";
    writeFileSync(path, `${text}${prefix}${header}${lines.join("\n")}\n`, { mode: 0o600 });
  }
  return { vars, added };
}

/**
 * The secret autologin links are signed with now: after a rotation in the console (设置 → 自动登录密钥) the
 * newest secret in the local database, else AUTOLOGIN_SECRET. An unreachable database means no rotation
 * can be read, so the binding's secret is used.
 */
export async function signingAutologinSecret(dbUrl: string | undefined, envSecret: string): Promise<string> {
  if (!dbUrl) return envSecret;
  const db = connect(dbUrl);
  try {
    return currentSecret(await db.select().from(autologinSecrets), envSecret);
  } catch {
    return envSecret;
  } finally {
    db.$client.close();
  }
}
