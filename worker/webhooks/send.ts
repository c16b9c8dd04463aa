// One delivery attempt: the stored body, signed for this attempt (Standard Webhooks), POSTed with a timeout and
// without following redirects. Never throws: the outcome is a status or an error text, with the response time.
import { TIMEOUT_MS } from "./retry-schedule";
import { signWebhook } from "./sign";
import { checkWebhookUrl } from "./url-rule";

export type AttemptOutcome = { ok: boolean; status: number | null; ms: number; error: string | null };

export async function sendWebhook(input: {
  url: string;
  mallEnv: string;
  eventId: string;
  body: string;
  secrets: string[];
  timeoutMs?: number;
}): Promise<AttemptOutcome> {
  const verdict = checkWebhookUrl(input.url, input.mallEnv);
  if (!verdict.ok) return { ok: false, status: null, ms: 0, error: `url not allowed (${verdict.reason})` };
  const headers = signWebhook({ id: input.eventId, body: input.body, secrets: input.secrets });
  const started = Date.now();
  try {
    const res = await fetch(verdict.url, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json", "User-Agent": "PointsMall-Webhooks/1" },
      body: input.body,
      redirect: "manual",
      signal: AbortSignal.timeout(input.timeoutMs ?? TIMEOUT_MS),
    });
    await res.body?.cancel();
    const ms = Date.now() - started;
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, ms, error: ok ? null : res.status >= 300 && res.status < 400 ? "redirect" : null };
  } catch (err) {
    const ms = Date.now() - started;
    const name = (err as Error)?.name;
    const error =
      name === "TimeoutError" || name === "AbortError"
        ? "timeout"
        : `network: ${String((err as Error)?.message ?? err).slice(0, 200)}`;
    return { ok: false, status: null, ms, error };
  }
}
