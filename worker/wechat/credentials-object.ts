// The official account's global credentials in ONE Durable Object (named by appid), so every isolate shares
// one access_token and one jsapi_ticket: WeChat retires the previous access_token 5 minutes after a new one
// is fetched and limits the calls per day, so fetching them per isolate would break other isolates' tokens.
// Each is kept in SQLite storage with its expiry and refreshed REFRESH_MARGIN_MS before it expires. The
// fetch is I/O, so it cannot sit inside a transaction: concurrent callers share one in-flight refresh, and
// the answer is written in one synchronous step when it arrives. A caller whose token WeChat refused
// (40001/42001) passes it back as `stale`: only that exact value is dropped, so a late report about an old
// token never throws away a newer one.
import { DurableObject } from "cloudflare:workers";
import { migrateStorage } from "../objects/storage-migrations";
import { isTokenFailure, type WechatFailure } from "./client";
import { accountClient, wechatAccount } from "./config";

/** Refresh this long before WeChat's expires_in runs out (its tokens live 7200 s). */
export const REFRESH_MARGIN_MS = 10 * 60_000;

const MIGRATIONS = [
  `create table credentials (
     kind text primary key check (kind in ('access_token', 'jsapi_ticket')),
     value text not null,
     expires_at integer not null,
     fetched_at integer not null
   )`,
] as const;

export type CredentialKind = "access_token" | "jsapi_ticket";
export type CredentialAnswer =
  | { ok: true; value: string; expiresAt: number; fetchedAt: number }
  | WechatFailure
  | { ok: false; code: "WECHAT_NOT_CONFIGURED" };
export type CredentialInput = { now?: number; stale?: string };

type Row = { value: string; expires_at: number; fetched_at: number };

export class WechatCredentials extends DurableObject<Env> {
  private inflight = new Map<CredentialKind, Promise<CredentialAnswer>>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => migrateStorage(ctx.storage, MIGRATIONS));
  }

  /** The account's access_token (cgi-bin/token), cached. */
  accessToken(input: CredentialInput = {}): Promise<CredentialAnswer> {
    return this.get("access_token", input);
  }

  /** The JS-SDK jsapi_ticket (cgi-bin/ticket/getticket?type=jsapi), cached. */
  jsapiTicket(input: CredentialInput = {}): Promise<CredentialAnswer> {
    return this.get("jsapi_ticket", input);
  }

  private get(kind: CredentialKind, { now = Date.now(), stale }: CredentialInput): Promise<CredentialAnswer> {
    const cached = this.fresh(kind, now, stale);
    if (cached) return Promise.resolve(cached);
    let run = this.inflight.get(kind);
    if (!run) {
      run = this.refresh(kind, now).finally(() => this.inflight.delete(kind));
      this.inflight.set(kind, run);
    }
    return run;
  }

  /** The stored credential if it is not within the margin of its expiry and is not the one reported stale. */
  private fresh(kind: CredentialKind, now: number, stale?: string): CredentialAnswer | null {
    const sql = this.ctx.storage.sql;
    return this.ctx.storage.transactionSync(() => {
      const row = sql
        .exec<Row>("select value, expires_at, fetched_at from credentials where kind = ?", kind)
        .toArray()[0];
      if (!row) return null;
      if (stale !== undefined && row.value === stale) {
        sql.exec("delete from credentials where kind = ?", kind);
        return null;
      }
      if (row.expires_at - REFRESH_MARGIN_MS <= now) return null;
      return { ok: true as const, value: row.value, expiresAt: row.expires_at, fetchedAt: row.fetched_at };
    });
  }

  private store(kind: CredentialKind, value: string, expiresInS: number, now: number): CredentialAnswer {
    const expiresAt = now + expiresInS * 1000;
    this.ctx.storage.sql.exec(
      `insert into credentials (kind, value, expires_at, fetched_at) values (?, ?, ?, ?)
       on conflict(kind) do update set value = excluded.value, expires_at = excluded.expires_at,
         fetched_at = excluded.fetched_at`,
      kind,
      value,
      expiresAt,
      now,
    );
    return { ok: true, value, expiresAt, fetchedAt: now };
  }

  private async refresh(kind: CredentialKind, now: number): Promise<CredentialAnswer> {
    const account = wechatAccount(this.env);
    if (!account) return { ok: false, code: "WECHAT_NOT_CONFIGURED" };
    const client = accountClient(account);
    if (kind === "access_token") {
      const r = await client.accessToken();
      return r.ok ? this.store(kind, r.value.access_token, r.value.expires_in, now) : r;
    }
    for (let attempt = 0; ; attempt++) {
      const token = await this.get("access_token", { now });
      if (!token.ok) return token;
      const r = await client.jsapiTicket(token.value);
      if (r.ok) return this.store(kind, r.value.ticket, r.value.expires_in, now);
      // The token was refused (expired early, or fetched elsewhere with the secret): drop that one, retry once.
      if (!isTokenFailure(r) || attempt > 0) return r;
      this.fresh("access_token", now, token.value);
    }
  }
}

export type WechatCredentialsStub = Pick<WechatCredentials, "accessToken" | "jsapiTicket">;

export function credentialsFor(env: Pick<Env, "WECHAT_CREDENTIALS">, appid: string): WechatCredentialsStub {
  return env.WECHAT_CREDENTIALS.getByName(appid);
}
