// The message centre's schedule (worker/index.ts scheduled): every minute the WeChat send outbox drains; on the
// five-minute tick the expiry reminders run too (a reminder written there queues its send, drained at once).
import type { Db } from "../../db/client";
import { remindExpiringPoints } from "./expiry-reminders";
import { type DrainResult, drainMessageSends } from "./send-outbox";

/** The every-minute cron of wrangler.toml [triggers] (the other one is the five-minute sweep). */
export const MESSAGE_CRON = "* * * * *";

export type MessageCronResult = { reminders: number } & DrainResult;

export async function messageCron(
  env: Env,
  db: Db,
  now: number,
  opts: { reminders: boolean },
): Promise<MessageCronResult> {
  const reminders = opts.reminders ? await remindExpiringPoints(db, now) : 0;
  const sends = await drainMessageSends(env, db, now);
  return { reminders, ...sends };
}
