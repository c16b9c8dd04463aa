// The wallet alarm's half of the crash-safe 加积分 (worker/wallet/duiba-forward.ts): the queued earnings of a
// Duiba-linked member handed to their DuibaAccount, which is idempotent on the ref (a 加积分 the route already
// sent is answered from its row, the merchant is not called again) and owns the merchant call and its retries
// from then on. The object's answer, whatever it says (done, pending, refused), ends the wallet's part. The mall
// back in its own mode: the earning stays the wallet's (SKIPPED). Turso or the object unreachable, or the
// settings incomplete: retried by the wallet's back-off.
import { getDb } from "../../db/client";
import { t } from "../../views/i18n";
import type { ForwardOutcome, ForwardRow } from "../wallet/duiba-forward";
import { duibaFor } from "./account-stub";
import { DUIBA_TYPE } from "./earned";
import { loadDuibaState } from "./settings";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function sendForwards(env: Env, uid: string, due: ForwardRow[], now: number): Promise<ForwardOutcome[]> {
  let state: Awaited<ReturnType<typeof loadDuibaState>>;
  try {
    state = await loadDuibaState(env, getDb(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN));
  } catch (e) {
    return due.map((f) => ({ ref: f.ref, state: "RETRY", error: message(e) }));
  }
  if (state.mode === "native") return due.map((f) => ({ ref: f.ref, state: "SKIPPED" }));
  const config = state.config;
  if (!config) return due.map((f) => ({ ref: f.ref, state: "RETRY", error: "Duiba settings incomplete" }));
  const account = duibaFor(env, uid);
  const out: ForwardOutcome[] = [];
  for (const f of due) {
    try {
      await account.addCredits({
        uid,
        ref: f.ref,
        credits: f.credits,
        type: DUIBA_TYPE[f.kind],
        description: t(`duiba.add.${f.kind}`),
        now,
        config,
      });
      out.push({ ref: f.ref, state: "DONE" });
    } catch (e) {
      console.error(`duiba: handing 加积分 ${f.ref} of ${uid} to its account failed: ${message(e)}`);
      out.push({ ref: f.ref, state: "RETRY", error: message(e) });
    }
  }
  return out;
}
