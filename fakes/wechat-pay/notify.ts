// Notifications to the merchant's notify_url as WeChat Pay sends them: POST JSON
//   {id, create_time, resource_type:"encrypt-resource", event_type, summary, resource:{original_type,
//    algorithm:"AEAD_AES_256_GCM", ciphertext, associated_data, nonce}}
// with Wechatpay-Timestamp/-Nonce/-Signature/-Serial signed by the platform key. A 2xx answer within 5 s
// is success; otherwise it is retried on WeChat Pay's published schedule (15s/15s/30s/3m/10m/20m/30m/30m/
// 30m/60m/3h/3h/3h/6h/6h, about 24 h 4 m in all), which `retryScale` compresses for tests.
import { randomUUID } from "node:crypto";
import { aesGcmEncrypt, cst, nonce, rsaSign } from "./keys";

export const RETRY_SCHEDULE_SECONDS = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
];

export type Forge = "signature" | "serial" | "stale";
export type Delivery = {
  notificationId: string;
  eventType: string;
  ref: string;
  url: string;
  attempt: number;
  body: string;
  headers: Record<string, string>;
  status?: number;
  error?: string;
  at: number;
  forged?: Forge;
};
type Notice = {
  id: string;
  url: string;
  eventType: string;
  ref: string;
  body: string;
  attempts: number;
  done: boolean;
};

export class Notifier {
  deliveries: Delivery[] = [];
  notices = new Map<string, Notice>(); // by notification id
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private cfg: {
      platformPrivateKeyPem: string;
      platformSerialNo: string;
      apiV3Key: string;
      retryScale: number;
      timeoutMs: number;
      now: () => number;
    },
  ) {}

  /** Builds one notification (resource encrypted once) and delivers it until the merchant says 2xx. */
  send(input: {
    url: string;
    eventType: string;
    summary: string;
    originalType: string;
    resource: unknown;
    ref: string;
  }): string {
    const resNonce = nonce(12);
    const plaintext = JSON.stringify(input.resource);
    const envelope = {
      id: randomUUID(),
      create_time: cst(this.cfg.now()),
      resource_type: "encrypt-resource",
      event_type: input.eventType,
      summary: input.summary,
      resource: {
        original_type: input.originalType,
        algorithm: "AEAD_AES_256_GCM",
        ciphertext: aesGcmEncrypt(this.cfg.apiV3Key, resNonce, input.originalType, plaintext),
        associated_data: input.originalType,
        nonce: resNonce,
      },
    };
    const notice: Notice = {
      id: envelope.id,
      url: input.url,
      eventType: input.eventType,
      ref: input.ref,
      body: JSON.stringify(envelope),
      attempts: 0,
      done: false,
    };
    this.notices.set(notice.id, notice);
    void this.attempt(notice);
    return notice.id;
  }

  /** Sends a notification once more, exactly as before (a duplicate delivery), or forged to test the merchant's checks. */
  resend(id: string, forged?: Forge): Promise<Delivery> | undefined {
    const n = this.notices.get(id);
    return n ? this.post(n, forged) : undefined;
  }

  latest(ref: string, eventType?: string): Notice | undefined {
    return [...this.notices.values()].filter((n) => n.ref === ref && (!eventType || n.eventType === eventType)).pop();
  }

  private async attempt(n: Notice): Promise<void> {
    if (this.stopped || n.done) return;
    const d = await this.post(n);
    if (d.status !== undefined && d.status >= 200 && d.status < 300) return void (n.done = true);
    const delay = RETRY_SCHEDULE_SECONDS[n.attempts - 1];
    if (delay === undefined || this.stopped) return;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        void this.attempt(n);
      },
      delay * 1000 * this.cfg.retryScale,
    );
    this.timers.add(t);
  }

  private async post(n: Notice, forged?: Forge): Promise<Delivery> {
    if (!forged) n.attempts += 1;
    const ts = Math.floor(this.cfg.now() / 1000) - (forged === "stale" ? 600 : 0);
    const nonceStr = nonce(32);
    const signed = `${ts}\n${nonceStr}\n${forged === "signature" ? n.body.replace(/}$/, " }") : n.body}\n`;
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "User-Agent": "Mozilla/4.0",
      "Request-ID": randomUUID(),
      "Wechatpay-Timestamp": String(ts),
      "Wechatpay-Nonce": nonceStr,
      "Wechatpay-Signature": rsaSign(this.cfg.platformPrivateKeyPem, signed),
      "Wechatpay-Serial":
        forged === "serial" ? "PUB_KEY_ID_00000000000000000000000000000000" : this.cfg.platformSerialNo,
      "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
    };
    const d: Delivery = {
      notificationId: n.id,
      eventType: n.eventType,
      ref: n.ref,
      url: n.url,
      attempt: n.attempts,
      body: n.body,
      headers,
      at: this.cfg.now(),
      forged,
    };
    this.deliveries.push(d);
    try {
      const res = await fetch(n.url, {
        method: "POST",
        headers,
        body: n.body,
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
      await res.arrayBuffer();
      d.status = res.status;
    } catch (err) {
      d.error = err instanceof Error ? err.message : String(err);
    }
    return d;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
