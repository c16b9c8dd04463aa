// The WeChat send outbox (订阅消息): sends the rows of message_sends the trigger of migration 0018 queued — one
// per message, so one per (member, source event) — through POST /cgi-bin/message/subscribe/bizsend with the
// access_token of the one WechatCredentials object. Run by the schedule every minute (worker/messages/cron.ts).
//
// A send is claimed in one statement (pending and due, or sending with its lease run out → sending, attempts+1,
// leased for LEASE_MS), so two overlapping drains never send the same row; its answer is recorded with a
// conditional update on that claim. WeChat answering is final: ok → sent; 43101 (not subscribed, or the one-time
// subscription used up) and the other errcodes about the message itself → refused, never retried. A network
// failure, a 5xx, a timeout or a refused token → pending again after the back-off (send-backoff.ts), given up
// (failed) after the last attempt. The one window for a duplicate is a crash after WeChat accepted and before
// the answer is written, for a lease (WeChat's API takes no idempotency key).
import type { Db } from "../../db/client";
import { isMessageKind } from "../../domain";
import { formatDateTime } from "../../views/format";
import { t } from "../../views/i18n";
import { messageText } from "../../views/messages/message-text";
import { loadSettings } from "../settings/load-settings";
import { type SubscribeMessage, isTokenFailure } from "../wechat/client";
import { accountClient, wechatAccount } from "../wechat/config";
import { credentialsFor } from "../wechat/credentials-object";
import { retryDelay } from "./send-backoff";
import { loadMessageSettings } from "./settings";

export const LEASE_MS = 60_000;
export const DRAIN_BATCH = 50;
/** WeChat's thing.DATA holds at most 20 characters. */
const THING_MAX = 20;

export type DrainResult = { sent: number; retried: number; refused: number; failed: number };

type Claimed = {
  messageId: number;
  openid: string;
  templateId: string;
  attempts: number;
  kind: string;
  params: string;
  link: string;
  createdAt: number;
};

const thing = (s: string) => {
  const chars = [...s];
  return chars.length <= THING_MAX ? s : `${chars.slice(0, THING_MAX - 1).join("")}…`;
};

function paramsOf(text: string): Record<string, string | number> {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(v ?? {}).filter(([, x]) => typeof x === "string" || typeof x === "number"),
    ) as Record<string, string | number>;
  } catch {
    return {};
  }
}

async function claim(db: Db, now: number, limit: number): Promise<Claimed[]> {
  const rs = await db.$client.execute({
    sql: `UPDATE message_sends SET state = 'sending', attempts = attempts + 1, lease_until = ?1 + ${LEASE_MS},
        updated_at = ?1
      WHERE message_id IN (
        SELECT message_id FROM message_sends
        WHERE (state = 'pending' AND next_attempt_at <= ?1) OR (state = 'sending' AND lease_until <= ?1)
        ORDER BY next_attempt_at LIMIT ?2)
      RETURNING message_id, openid, template_id, attempts, lease_until`,
    args: [now, limit],
  });
  if (rs.rows.length === 0) return [];
  const ids = rs.rows.map((r) => Number(r.message_id));
  const msgs = await db.$client.execute({
    sql: `SELECT id, kind, params, link, created_at FROM messages WHERE id IN (${ids.map(() => "?").join(",")})`,
    args: ids,
  });
  const byId = new Map(msgs.rows.map((m) => [Number(m.id), m]));
  return rs.rows.flatMap((r) => {
    const m = byId.get(Number(r.message_id));
    if (!m) return [];
    return [
      {
        messageId: Number(r.message_id),
        openid: String(r.openid),
        templateId: String(r.template_id),
        attempts: Number(r.attempts),
        kind: String(m.kind),
        params: String(m.params),
        link: String(m.link),
        createdAt: Number(m.created_at),
      },
    ];
  });
}

/** Records an attempt's answer, only on the claim this drain holds (attempts unchanged since). */
async function settle(
  db: Db,
  c: Claimed,
  now: number,
  outcome: { state: "sent"; msgid: string } | { state: "refused" | "retry"; error: string },
): Promise<"sent" | "refused" | "retried" | "failed"> {
  let state: "sent" | "refused" | "pending" | "failed";
  let next = now;
  if (outcome.state === "retry") {
    const delay = retryDelay(c.attempts);
    state = delay === null ? "failed" : "pending";
    next = now + (delay ?? 0);
  } else state = outcome.state;
  await db.$client.execute({
    sql: `UPDATE message_sends SET state = ?1, next_attempt_at = ?2, lease_until = NULL, msgid = ?3, last_error = ?4,
        updated_at = ?5
      WHERE message_id = ?6 AND state = 'sending' AND attempts = ?7`,
    args: [
      state,
      next,
      outcome.state === "sent" ? outcome.msgid : null,
      outcome.state === "sent" ? null : outcome.error,
      now,
      c.messageId,
      c.attempts,
    ],
  });
  return state === "pending" ? "retried" : state;
}

export function subscribeMessageOf(c: Claimed, timeZone: string, siteOrigin: string): SubscribeMessage | null {
  if (!isMessageKind(c.kind)) return null;
  const text = messageText(c.kind, paramsOf(c.params), timeZone);
  const msg: SubscribeMessage = {
    touser: c.openid,
    template_id: c.templateId,
    data: {
      thing1: { value: thing(text.title) },
      thing2: { value: thing(text.body || t("messages.wechat.more")) },
      time3: { value: formatDateTime(c.createdAt, timeZone) },
    },
  };
  if (/^https:\/\/|^http:\/\//.test(siteOrigin)) msg.page = new URL(c.link, siteOrigin).toString();
  return msg;
}

/** Sends what is due; the counts of this run. Without a configured official account nothing is claimed. */
export async function drainMessageSends(env: Env, db: Db, now: number, limit = DRAIN_BATCH): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, retried: 0, refused: 0, failed: 0 };
  const account = wechatAccount(env);
  if (!account) return result;
  const claimed = await claim(db, now, limit);
  if (claimed.length === 0) return result;
  const [settings, msgSettings] = await Promise.all([loadSettings(db), loadMessageSettings(db)]);
  const client = accountClient(account);
  const credentials = credentialsFor(env, account.appid);
  let token = await credentials.accessToken({ now });
  for (const c of claimed) {
    const msg = subscribeMessageOf(c, settings.timeZone, msgSettings.siteOrigin);
    let outcome: Parameters<typeof settle>[3];
    if (!msg) outcome = { state: "refused", error: "unknown kind" };
    else if (!token.ok) outcome = { state: "retry", error: `token: ${token.code}` };
    else {
      let r = await client.sendBizSubscribeMessage(token.value, msg);
      if (isTokenFailure(r)) {
        // The token went bad (fetched elsewhere with the secret, or expired early): a new one, this send again.
        token = await credentials.accessToken({ now, stale: token.value });
        if (token.ok) r = await client.sendBizSubscribeMessage(token.value, msg);
      }
      if (r.ok) outcome = { state: "sent", msgid: String(r.value.msgid ?? "") };
      else if (r.code === "WECHAT_ERROR" && !isTokenFailure(r) && r.errcode !== -1)
        outcome = { state: "refused", error: `${r.errcode} ${r.errmsg}` };
      else
        outcome = {
          state: "retry",
          error: r.code === "WECHAT_ERROR" ? `${r.errcode} ${r.errmsg}` : `${r.code} ${r.message}`,
        };
    }
    result[await settle(db, c, now, outcome)] += 1;
  }
  return result;
}
