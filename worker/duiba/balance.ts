// The balance a member sees in Duiba mode: the merchant's credits as last told (autologin, 扣积分, 加积分
// answers), kept by the member's DuibaAccount; null in native mode, and for a member who never came in through
// a Duiba autologin link (one the mall knew before the switch keeps the wallet's balance and its points).
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { duibaSettings } from "../../db/schema";
import { duibaFor } from "./account-stub";
import { loadDuibaConfig } from "./settings";

/** The mode as this isolate last read it: every member page asks, so it is read from Turso at most once in
 *  MODE_MEMO_MS per isolate (a switch in the console takes effect everywhere within that; at once in the
 *  isolate that saved it). */
const MODE_MEMO_MS = 10_000;
let memo: { on: boolean; until: number } | null = null;

export function forgetDuibaMode(): void {
  memo = null;
}

export async function duibaModeOn(db: Db, now = Date.now()): Promise<boolean> {
  if (memo && memo.until > now) return memo.on;
  const [r] = await db.select({ mode: duibaSettings.mode }).from(duibaSettings).where(eq(duibaSettings.id, 1)).limit(1);
  memo = { on: r?.mode === "duiba", until: now + MODE_MEMO_MS };
  return memo.on;
}

export async function duibaBalance(env: Pick<Env, "DUIBA_ACCOUNT">, db: Db, uid: string): Promise<number | null> {
  if (!(await duibaModeOn(db))) return null;
  const c = await duibaFor(env, uid).credits();
  return c.linked ? c.credits : null;
}

/** The config for this member's calls: Duiba mode on and complete, and the member a Duiba member. */
export async function duibaConfigFor(env: Env, db: Db, uid: string) {
  if (!(await duibaModeOn(db))) return null;
  const config = await loadDuibaConfig(env, db);
  if (!config) return null;
  return (await duibaFor(env, uid).credits()).linked ? config : null;
}
