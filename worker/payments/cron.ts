// The cron's call into payments (worker/index.ts scheduled): the sweeper with the configured provider.
import type { Db } from "../../db/client";
import { logPayment } from "./apply-payment";
import { closeDeps } from "./close-unpaid";
import { loadProvider } from "./payment-settings";
import { sweepPayments } from "./sweep";

export async function paymentSweep(env: Env, db: Db, now: number): Promise<void> {
  try {
    const r = await sweepPayments(closeDeps(env, await loadProvider(env, db)), db, { now });
    if (r.closed.length + r.paid.length + r.refunded.length + r.failed.length > 0)
      logPayment("payment_sweep", {
        closed: r.closed.length,
        paid: r.paid.length,
        refunded: r.refunded.length,
        failed: r.failed.length,
      });
  } catch (e) {
    logPayment("payment_sweep_failed", { error: e instanceof Error ? e.message : String(e) });
  }
}
