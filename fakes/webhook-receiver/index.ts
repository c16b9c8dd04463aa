// A webhook receiver standing in for a merchant's endpoint: records every delivery with its headers and
// body, and checks its Standard Webhooks signature with its own implementation (node:crypto HMAC, not the
// standardwebhooks package the mall signs with). Any path under /hooks/ is an endpoint.
// Control: POST /__fake/webhooks/endpoints {path, secrets:[whsec_…]} the secrets to verify that path with
//          GET  /__fake/webhooks/deliveries?path=&id=   each delivery: {path, id, timestamp, signatures,
//               verified, reason?, body, headers, receivedAt, conflict} — conflict: an earlier delivery had the
//               same webhook-id with a different body (must never happen)
//          answers: 204 by default; 500 / hang / slow through /__fake/faults
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { json, parseJson, startFakeServer, type FakeRequest, type Fault } from "../http";

export type WebhookDelivery = {
  path: string;
  id: string;
  timestamp: string;
  signatures: string[];
  verified: boolean | null;
  reason?: string;
  body: string;
  headers: IncomingHttpHeaders;
  receivedAt: number;
  conflict: boolean;
  /** What the receiver answered: a status, or "hang" / "drop" / "delay" when a fault was injected. */
  answer: number | "hang" | "drop" | "delay";
};
export type WebhookReceiverFake = {
  url: string;
  deliveries: WebhookDelivery[];
  setSecrets(path: string, secrets: string[]): void;
  stop(): Promise<void>;
};

export const TOLERANCE_SECONDS = 300;

/** Independent check: some "v1,<base64>" in the header equals base64(HMAC-SHA256(decoded secret, id.ts.body)). */
export function checkSignature(
  secrets: string[],
  id: string,
  timestamp: string,
  signatureHeader: string,
  body: string,
  nowMs = Date.now(),
): { ok: boolean; reason?: string } {
  if (!id || !timestamp || !signatureHeader)
    return { ok: false, reason: "missing webhook-id, webhook-timestamp or webhook-signature" };
  if (!/^\d+$/.test(timestamp) || Math.abs(Math.floor(nowMs / 1000) - Number(timestamp)) > TOLERANCE_SECONDS)
    return { ok: false, reason: "timestamp outside 5 minutes" };
  const given = signatureHeader
    .split(" ")
    .map((s) => s.split(","))
    .filter(([v, sig]) => v === "v1" && sig)
    .map(([, sig]) => Buffer.from(sig!, "base64"));
  for (const secret of secrets) {
    const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
    const mac = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
    if (given.some((g) => g.length === mac.length && timingSafeEqual(g, mac))) return { ok: true };
  }
  return { ok: false, reason: "no matching v1 signature" };
}

export async function startWebhookReceiverFake(opts: { port?: number } = {}): Promise<WebhookReceiverFake> {
  const deliveries: WebhookDelivery[] = [];
  const secrets = new Map<string, string[]>();

  function receive(req: FakeRequest, fault: Fault | undefined) {
    const h = (n: string) => String(req.headers[n] ?? "");
    const id = h("webhook-id");
    const known = secrets.get(req.path);
    const check = known
      ? checkSignature(known, id, h("webhook-timestamp"), h("webhook-signature"), req.body)
      : undefined;
    const conflict = deliveries.some((d) => d.path === req.path && d.id === id && id !== "" && d.body !== req.body);
    deliveries.push({
      path: req.path,
      id,
      timestamp: h("webhook-timestamp"),
      signatures: h("webhook-signature").split(" ").filter(Boolean),
      verified: check ? check.ok : null,
      reason: check?.reason,
      body: req.body,
      headers: req.headers,
      receivedAt: Date.now(),
      conflict,
      answer: fault
        ? fault.kind === "status"
          ? (fault.status ?? 500)
          : fault.kind === "delay"
            ? "delay"
            : fault.kind
        : 204,
    });
  }

  const server = await startFakeServer(
    "webhook-receiver",
    (req) => {
      if (req.path === "/__fake/webhooks/endpoints" && req.method === "POST") {
        const b = parseJson(req.body) as { path?: string; secrets?: string[] } | undefined;
        if (!b?.path?.startsWith("/hooks/") || !Array.isArray(b.secrets))
          return json(400, { error: "needs {path: /hooks/…, secrets: [...]}" });
        secrets.set(b.path, b.secrets);
        return json(200, { ok: true });
      }
      if (req.path === "/__fake/webhooks/deliveries") {
        const path = req.url.searchParams.get("path");
        const id = req.url.searchParams.get("id");
        return json(
          200,
          deliveries.filter((d) => (!path || d.path === path) && (!id || d.id === id)),
        );
      }
      if (req.path.startsWith("/hooks/") && req.method === "POST") return { status: 204 };
      return undefined;
    },
    {
      port: opts.port,
      observe: (req, fault) => void (req.path.startsWith("/hooks/") && req.method === "POST" && receive(req, fault)),
    },
  );
  return { url: server.url, deliveries, setSecrets: (p, s) => void secrets.set(p, s), stop: () => server.close() };
}
