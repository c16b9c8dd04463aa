// The member's answers to the subscribe step (订阅消息, wx-open-subscribe on /messages): WeChat tells the page
// which templates the member accepted; the page reports them here. Each acceptance of a template the merchant
// configured allows one message of that template (一次性订阅), counted in wechat_subscriptions.credits and taken
// by the trigger that queues a send (migration 0018). Rejections change nothing.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { wechatSubscriptions } from "../../db/schema";
import type { Templates } from "./settings";

/** The most acceptances of one template a member can bank (WeChat's own cap on one-time subscriptions is near). */
export const MAX_CREDITS = 20;

export type SubscribeDecision = { templateId: string; status: "accept" | "reject" | "ban" | "filter" };

/** Records the acceptances of configured templates; the number recorded. Unknown template ids are ignored. */
export async function recordSubscriptions(
  db: Db,
  uid: string,
  templates: Templates,
  decisions: SubscribeDecision[],
  now: number,
): Promise<number> {
  const known = new Set(Object.values(templates));
  const accepted = [...new Set(decisions.filter((d) => d.status === "accept").map((d) => d.templateId))].filter((id) =>
    known.has(id),
  );
  if (accepted.length === 0) return 0;
  const [first, ...rest] = accepted.map((templateId) =>
    db
      .insert(wechatSubscriptions)
      .values({ uid, templateId, credits: 1, updatedAt: now })
      .onConflictDoUpdate({
        target: [wechatSubscriptions.uid, wechatSubscriptions.templateId],
        set: { credits: sql`min(${wechatSubscriptions.credits} + 1, ${MAX_CREDITS})`, updatedAt: now },
      }),
  );
  await db.batch([first!, ...rest]);
  return accepted.length;
}

/** The member's remaining acceptances per template id. */
export async function subscriptionCredits(db: Db, uid: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ templateId: wechatSubscriptions.templateId, credits: wechatSubscriptions.credits })
    .from(wechatSubscriptions)
    .where(sql`${wechatSubscriptions.uid} = ${uid}`);
  return Object.fromEntries(rows.map((r) => [r.templateId, r.credits]));
}
