// The cron's part (wrangler.toml [triggers]): wake every enabled endpoint's delivery object, so an alarm lost
// to an outage or a deploy never leaves an endpoint silent for longer than the cron's period.
import type { Db } from "../../db/client";
import { listEndpoints, wakeDelivery } from "./endpoints";

export async function wakeAllDeliveries(env: Pick<Env, "WEBHOOK_DELIVERY">, db: Db, now: number): Promise<number> {
  const enabled = (await listEndpoints(db)).filter((e) => e.enabled);
  await Promise.all(enabled.map((e) => wakeDelivery(env, e.id, now)));
  return enabled.length;
}
