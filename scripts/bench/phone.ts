// A shopper's phone for the benchmarks: logs in through a signed autologin link (as the merchant's menu would
// send it), keeps its cookies, loads pages and posts the redeem form as htmx does.
import { DEMO_ITEMS } from "../../db/seed-data";
import { signAutologinLink } from "../../worker/identity/autologin-sign";

export type RedeemForm = { action: string; fields: Record<string, string> };
export type Answer = { ms: number; status: number; orderId: string | null; code: string | null; body: string };

const REQUEST_TIMEOUT_MS = 60_000;
export const PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) bench (Mobile)";

export const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    out[m[1]!.toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return out;
}

/** The redeem form of the item page (worker/redeem/README.md: the shopper's redeem form). */
export function parseRedeemForm(html: string): RedeemForm | null {
  const open = /<form\b[^>]*\bid="redeem-form"[^>]*>/.exec(html);
  if (!open) return null;
  const end = html.indexOf("</form>", open.index);
  const inner = html.slice(open.index + open[0].length, end < 0 ? undefined : end);
  const form = attrs(open[0].slice(5, -1));
  const fields: Record<string, string> = {};
  for (const m of inner.matchAll(/<input\b[^>]*>/g)) {
    const a = attrs(m[0].slice(6, -1));
    if (!a.name || "disabled" in a) continue;
    if ((a.type === "radio" || a.type === "checkbox") && !("checked" in a)) continue;
    fields[a.name] = a.value ?? "";
  }
  return { action: form["hx-post"] ?? form.action ?? "", fields };
}

/** What a redeem answer says: the order number, or the refusal's code (worker/redeem/README.md). */
export function classifyRedeem(status: number, html: string): { orderId: string | null; code: string | null } {
  const orderId = /data-order-id="([^"]+)"/.exec(html)?.[1];
  if (orderId && status === 200) return { orderId: decode(orderId), code: null };
  return { orderId: null, code: /data-error-code="([^"]+)"/.exec(html)?.[1] ?? `HTTP_${status}` };
}

export class Phone {
  cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly secret: string,
    readonly uid: string,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      headers: { Cookie: this.cookieHeader(), Accept: "text/html", "User-Agent": PHONE_UA, ...extra },
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    this.keep(res);
    return res;
  }

  /** Autologin, following the redirect: the page it lands on. A busy answer (429, 503) or a failed connection
   *  is tried again after a back-off with a freshly signed link (each nonce works once; logging in is no
   *  mutation of points or stock). */
  async login(redirect: string, nickname = `压测${this.uid.slice(-4)}`): Promise<string> {
    const res = await this.retrying(async () => {
      const link = await signAutologinLink(this.base, this.secret, { uid: this.uid, redirect, nickname });
      return this.get(link);
    });
    await res.arrayBuffer();
    if (res.status !== 302 && res.status !== 303) throw new Error(`autologin ${this.uid} → ${res.status}`);
    return this.page(res.headers.get("Location") ?? redirect);
  }

  async page(path: string): Promise<string> {
    const res = await this.retrying(() => this.get(path));
    const html = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status}`);
    return html;
  }

  /** A GET again while the answer is 429/503 or the connection failed, backing off, for up to 2 minutes. */
  private async retrying(get: () => Promise<Response>): Promise<Response> {
    const until = Date.now() + 120_000;
    for (let attempt = 1; ; attempt++) {
      let res: Response | null = null;
      let failure: unknown = null;
      try {
        res = await get();
      } catch (err) {
        failure = err;
      }
      if (res && res.status !== 429 && res.status !== 503) return res;
      const wait = backoffMs(attempt, res?.headers.get("Retry-After") ?? null);
      if (Date.now() + wait > until) {
        if (res) return res;
        throw failure;
      }
      if (res) await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  /** The form's POST as htmx sends it (HX-Request, same origin): headers and body, for fetch or autocannon. */
  redeemRequest(form: RedeemForm): { path: string; headers: Record<string, string>; body: string } {
    return {
      path: new URL(form.action, this.base).pathname,
      headers: {
        Cookie: this.cookieHeader(),
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: this.base,
        "HX-Request": "true",
        "User-Agent": PHONE_UA,
      },
      body: new URLSearchParams(form.fields).toString(),
    };
  }

  async redeem(form: RedeemForm): Promise<Answer> {
    const t0 = performance.now();
    const req = this.redeemRequest(form);
    try {
      const res = await fetch(new URL(req.path, this.base), {
        method: "POST",
        headers: req.headers,
        body: req.body,
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const html = await res.text();
      return { ms: performance.now() - t0, status: res.status, ...classifyRedeem(res.status, html), body: html };
    } catch (err) {
      return {
        ms: performance.now() - t0,
        status: 0,
        orderId: null,
        code: (err as Error).name === "TimeoutError" ? "TIMEOUT" : "NETWORK",
        body: "",
      };
    }
  }
}

/** Answers a caller retries with the same request (README, Merchant API): 409 REF_IN_PROGRESS (the first call
 *  with that ref still runs), 429 (rate limited) and 503 (busy; wrangler dev reloading the Worker mid-request). */
function retryable(status: number, json: unknown): boolean {
  if (status === 429 || status === 503) return true;
  return status === 409 && (json as { error?: { code?: string } } | null)?.error?.code === "REF_IN_PROGRESS";
}

/** The wait before attempt `attempt + 1`: the answer's Retry-After (seconds) if it gave one, else exponential
 *  back-off from 250 ms with jitter, at most 8 s. */
export function backoffMs(attempt: number, retryAfter: string | null): number {
  const s = retryAfter === null ? NaN : Number(retryAfter);
  if (Number.isFinite(s) && s >= 0) return Math.min(s, 30) * 1000 + Math.random() * 250;
  return Math.min(8_000, 250 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
}

/** A Merchant API client for the benches' setup and invariant checks. */
export function merchantApi(base: string, token: string, opts: { retryForMs?: number } = {}) {
  const retryForMs = opts.retryForMs ?? 120_000;
  async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: T; retryAfter: string | null }> {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json, retryAfter: res.headers.get("Retry-After") };
  }
  /** A call that must succeed. Every mutation the benches make is idempotent (a PUT, a sku, or a ref), so it is
   *  sent again — the very same request, never a new ref — while the answer is one to retry (REF_IN_PROGRESS,
   *  429, 503) or the connection failed (the first attempt may have run: its ref makes the repeat safe),
   *  backing off (Retry-After when given) for up to `retryForMs` (the API takes over a claim left running by a
   *  dead Worker after 60 s, so the default outlasts it). */
  async function ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const until = Date.now() + retryForMs;
    for (let attempt = 1; ; attempt++) {
      let r: Awaited<ReturnType<typeof call<T>>> | null = null;
      let failure: unknown = null;
      try {
        r = await call<T>(method, path, body);
      } catch (err) {
        failure = err;
      }
      if (r && !retryable(r.status, r.json)) {
        if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
        return r.json;
      }
      const wait = backoffMs(attempt, r?.retryAfter ?? null);
      if (Date.now() + wait > until) {
        const last = r ? `${r.status} ${JSON.stringify(r.json).slice(0, 300)}` : String(failure);
        throw new Error(`${method} ${path} → ${last} (still, after ${attempt} attempts)`);
      }
      await new Promise((res) => setTimeout(res, wait));
    }
  }
  return { call, ok };
}

/**
 * A member with a history (the new-member bonus, purchases, one redeemed coupon), logged in: what the member
 * pages benches and Lighthouse load. Returns the phone (its cookies are the session).
 */
export async function memberWithHistory(base: string, secret: string, token: string, uid: string): Promise<Phone> {
  const api = merchantApi(base, token);
  const phone = new Phone(base, secret, uid);
  await phone.login("/me/points", "压测会员");
  for (let i = 0; i < 5; i++) {
    await api.ok("POST", `/members/${uid}/points/earn`, {
      ref: `bench-buy-${i}`,
      reason: "门店消费",
      amountFen: 3_000 + 1_000 * i,
    });
  }
  // a coupon redeemed through the real page, so 我的订单 has an order (the demo mall's 免配送费券)
  const coupon = DEMO_ITEMS.findIndex((i) => i.slug === "free-delivery") + 1;
  const form = parseRedeemForm(await phone.page(`/items/${coupon}`));
  if (!form) throw new Error(`no redeem form on /items/${coupon}`);
  const answer = await phone.redeem(form);
  if (!answer.orderId) throw new Error(`the bench member's redeem was refused: ${answer.code}`);
  return phone;
}
