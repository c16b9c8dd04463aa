// One call to the merchant's server (Duiba documents every call as GET with query parameters): the URL with
// the signed parameters, a timeout, and what came back — for the decision and for the call log.
import type { DuibaParams } from "./sign";
import { checkWebhookUrl } from "../webhooks/url-rule";
import { withQuery } from "./protocol";

export type CallResult = {
  /** the query sent (sign included; the appSecret is never sent) */
  request: string;
  httpStatus: number | null;
  text: string;
  timedOut: boolean;
  durationMs: number;
};

/** Answers kept in the log are cut to this many characters. */
export const LOG_TEXT_MAX = 2_000;

export async function callMerchant(
  url: string,
  params: DuibaParams,
  timeoutMs: number,
  mallEnv: string,
): Promise<CallResult> {
  const target = withQuery(url, params);
  const request = new URL(target).search.slice(1);
  const started = Date.now();
  // Checked again before every call, as the webhooks are: a URL saved under another rule never reaches a
  // private address in production.
  if (!checkWebhookUrl(url, mallEnv).ok)
    return { request, httpStatus: null, text: "URL not allowed", timedOut: false, durationMs: 0 };
  try {
    const res = await fetch(target, { signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    const text = await res.text();
    return { request, httpStatus: res.status, text, timedOut: false, durationMs: Date.now() - started };
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    return {
      request,
      httpStatus: null,
      text: timedOut ? "" : e instanceof Error ? e.message : String(e),
      timedOut,
      durationMs: Date.now() - started,
    };
  }
}
