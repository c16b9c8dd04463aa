// The running local instance as `npm start` left it: its URL and database URL (.data/instance.json) and the
// merchant API token (MERCHANT_API_TOKEN from the environment, else .dev.vars). Used by scripts that talk
// to it over HTTP (reconcile, bench:wallet).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDevVars } from "./dev-vars";
import { ROOT } from "./paths";

export type Instance = { url: string; dbUrl: string };

export function readInstance(): Partial<Instance> {
  const file = join(ROOT, ".data/instance.json");
  if (!existsSync(file)) return {};
  try {
    const { url, dbUrl } = JSON.parse(readFileSync(file, "utf8")) as Partial<Instance>;
    return { url, dbUrl };
  } catch {
    return {};
  }
}

export function merchantToken(): string | undefined {
  if (process.env.MERCHANT_API_TOKEN) return process.env.MERCHANT_API_TOKEN;
  const file = join(ROOT, ".dev.vars");
  return existsSync(file) ? parseDevVars(readFileSync(file, "utf8")).MERCHANT_API_TOKEN : undefined;
}

/** True if something answers at the URL. */
export async function isUp(url: string): Promise<boolean> {
  try {
    await fetch(`${url}/favicon.svg`, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}
