// The merchant's URLs follow the webhooks' SSRF rule: in production a 扣积分/加积分/通知 call to a loopback or
// plain-http URL is never sent (the fake merchant on 127.0.0.1 sees nothing), while the local modes reach it.
import { describe, expect, inject, it } from "vitest";
import { callMerchant } from "./merchant-call";

const f = inject("fakes").duibaMerchant;

describe("callMerchant and the URL rule", () => {
  it("refuses a loopback http URL in production without calling it, and calls it in test", async () => {
    const uid = `url-${crypto.randomUUID().slice(0, 8)}`;
    await fetch(`${f.url}/__fake/duiba/members`, { method: "POST", body: JSON.stringify({ uid, credits: 50 }) });
    const before = await (await fetch(`${f.url}/__fake/duiba/members/${uid}`)).json();
    const params = { uid, credits: "10", appKey: "k", timestamp: String(Date.now()), sign: "x" };
    const refused = await callMerchant(`${f.url}/duiba/add`, params, 2_000, "production");
    expect(refused).toMatchObject({ httpStatus: null, text: "URL not allowed", timedOut: false });
    expect(await (await fetch(`${f.url}/__fake/duiba/members/${uid}`)).json()).toEqual(before);
    // the same call in the test environment reaches the fake (which refuses the bad sign with an answer)
    const sent = await callMerchant(`${f.url}/duiba/add`, params, 2_000, "test");
    expect(sent.httpStatus).not.toBeNull();
  });
});
