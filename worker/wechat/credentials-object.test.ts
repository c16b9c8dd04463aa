// The WechatCredentials object against the fake WeChat server: one access_token and one jsapi_ticket for every
// caller (concurrent callers share one fetch), refreshed before expiry, a refused token replaced once, and the
// ticket it hands out is one WeChat accepts for a wx.config signature.
import { env } from "cloudflare:workers";
import { describe, expect, inject, it } from "vitest";
import { type CredentialAnswer, REFRESH_MARGIN_MS } from "./credentials-object";
import { wxConfig } from "./js-sdk-signature";

const f = inject("fakes").wechat;
const object = () => env.WECHAT_CREDENTIALS.getByName(`test-${crypto.randomUUID()}`);
const okValue = (a: CredentialAnswer) => {
  if (!a.ok) throw new Error(JSON.stringify(a));
  return a;
};
const fake = (path: string, body: unknown) =>
  fetch(`${f.url}${path}`, { method: "POST", body: JSON.stringify(body) }).then((r) => r.json());
const tokenRequests = async (match: string) =>
  ((await (await fetch(`${f.url}/__fake/requests?path=/cgi-bin/ticket/getticket&match=${match}`)).json()) as unknown[])
    .length;

describe("WechatCredentials", () => {
  it("twenty concurrent callers get one token and one ticket: fetched once, then answered from storage", async () => {
    const o = object();
    const now = Date.now();
    const tickets = await Promise.all(Array.from({ length: 20 }, () => o.jsapiTicket({ now })));
    const first = okValue(tickets[0]!);
    for (const t of tickets) expect(okValue(t)).toEqual(first);
    const token = okValue(await o.accessToken({ now: now + 1000 }));
    // the ticket was fetched with this token, exactly once, by the one fetch all twenty shared
    expect(await tokenRequests(token.value)).toBe(1);
    expect(okValue(await o.jsapiTicket({ now: now + 60_000 })).fetchedAt).toBe(first.fetchedAt);
    // WeChat (and the fake) hands out the app's current ticket with the time it has left, which another test
    // earlier in the run may already have used: within its 7200 s life and past the refresh margin
    expect(first.expiresAt).toBeGreaterThan(now + REFRESH_MARGIN_MS);
    expect(first.expiresAt).toBeLessThanOrEqual(now + 7200_000 + 1000);
  });

  it("refreshes REFRESH_MARGIN_MS before expiry, not after and not earlier", async () => {
    const o = object();
    const t0 = Date.now();
    const first = okValue(await o.accessToken({ now: t0 }));
    const justBefore = first.expiresAt - REFRESH_MARGIN_MS - 1;
    expect(okValue(await o.accessToken({ now: justBefore })).value).toBe(first.value);
    const refreshed = okValue(await o.accessToken({ now: justBefore + 1 }));
    expect(refreshed.value).not.toBe(first.value);
    expect(refreshed.fetchedAt).toBe(justBefore + 1);
    expect(refreshed.expiresAt).toBeGreaterThan(first.expiresAt);
    // the new token is the one WeChat takes now: a ticket for it
    expect(okValue(await o.jsapiTicket({ now: justBefore + 2 })).value).toMatch(/^kgt8ON7yVITDhtdwci0qe/);
  });

  it("a token reported stale is replaced; a late report about an older token keeps the newer one", async () => {
    const o = object();
    const a = okValue(await o.accessToken());
    const b = okValue(await o.accessToken({ stale: a.value }));
    expect(b.value).not.toBe(a.value);
    expect(okValue(await o.accessToken({ stale: a.value })).value).toBe(b.value);
  });

  it("a ticket call refused for its token (40001) fetches a new token and tries once more", async () => {
    const o = object();
    const token = okValue(await o.accessToken());
    await fake("/__fake/faults", {
      path: "/cgi-bin/ticket/getticket",
      match: token.value,
      kind: "status",
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({ errcode: 40001, errmsg: "invalid credential, access_token is invalid or not latest" }),
    });
    const ticket = okValue(await o.jsapiTicket());
    expect(okValue(await o.accessToken()).value).not.toBe(token.value);
    // WeChat's client accepts a wx.config signed with it
    const url = "https://mall.example.com/items/7?from=share";
    const config = await wxConfig({ appId: f.appid, jsapiTicket: ticket.value, url, jsApiList: [] });
    expect(await fake("/__fake/wechat/verify-config", { ...config, url: `${url}#top` })).toEqual({ ok: true });
  });

  it("an outage is a typed failure and nothing is cached: the next call fetches again", async () => {
    const o = object();
    await fake("/__fake/faults", { path: "/cgi-bin/token", kind: "status", status: 503, body: "busy" });
    expect(await o.accessToken()).toMatchObject({ ok: false, code: "WECHAT_UNAVAILABLE", status: 503 });
    expect((await o.accessToken()).ok).toBe(true);
  });
});
