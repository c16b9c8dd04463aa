// Worker entry point: HTTP (the Hono app) and the cron trigger (wrangler.toml [triggers]).
import { getDb } from "../db/client";
import { app } from "./app";
import { MESSAGE_CRON, messageCron } from "./messages/cron";
import { paymentSweep } from "./payments/cron";
import { settleCancellations } from "./redeem/settle-cancellations";
import { wakeAllDeliveries } from "./webhooks/wake-all";

export { ItemStock } from "./stock/item-stock";
export { GroupBuy } from "./group-buy/group-object";
export { Lottery } from "./lottery/lottery-object";
export { WechatCredentials } from "./wechat/credentials-object";
export { MemberWallet } from "./wallet/member-wallet";
export { WebhookDelivery } from "./webhooks/webhook-delivery";

export default {
  fetch: app.fetch,
  /** Every minute (MESSAGE_CRON): the WeChat send outbox of the message centre. Every 5 minutes: the expiry
   *  reminders and the send outbox (worker/messages/cron.ts), re-drive cancellations a crash left half done
   *  (worker/redeem/settle-cancellations.ts) and wake the webhook delivery objects (worker/webhooks/wake-all.ts). */
  async scheduled(controller, env, _ctx) {
    const db = getDb(env.TURSO_DATABASE_URL, env.TURSO_AUTH_TOKEN);
    const minutely = controller.cron === MESSAGE_CRON;
    const messages = messageCron(env, db, controller.scheduledTime, { reminders: !minutely })
      .then((r) => {
        if (r.reminders + r.sent + r.retried + r.refused + r.failed > 0)
          console.log(
            JSON.stringify({ at: new Date().toISOString(), event: "messages_cron", cron: controller.cron, ...r }),
          );
      })
      .catch((err) => console.error(`messages: the schedule failed: ${String((err as Error)?.message ?? err)}`));
    if (minutely) return messages;
    const woken = wakeAllDeliveries(env, db, controller.scheduledTime).catch((err) => {
      console.error(`webhooks: waking the delivery objects failed: ${String((err as Error)?.message ?? err)}`);
      return 0;
    });
    const r = await settleCancellations(env, db, { now: controller.scheduledTime });
    if (r.repaired.length > 0 || r.failed.length > 0)
      console.log(
        JSON.stringify({
          at: new Date().toISOString(),
          event: "cancel_sweep",
          cron: controller.cron,
          repaired: r.repaired.length,
          failed: r.failed.length,
        }),
      );
    await paymentSweep(env, db, controller.scheduledTime); // payments: unpaid past the deadline, refunds owed
    await woken;
    await messages;
  },
} satisfies ExportedHandler<Env>;
