// The share card of a shopper page opened in WeChat (JS-SDK 分享): wx.config signed here, on the server, over
// the jsapi_ticket from the one WechatCredentials object, a fresh nonceStr, the timestamp and the exact
// page URL without its fragment; the card's link and image made absolute on the page's origin (WeChat
// refuses a link outside the JS接口安全域名). Outside WeChat, without a configured account, or when WeChat
// cannot give a ticket, there is no card (the page is the same, WeChat shows its default card).
//
// Any page can have one: its handler calls wechatShare(env, {url, userAgent}, card) and passes the answer to
// its page's Layout (`share`) and to pageResponse (shareCsp, so the JS-SDK may load). Item and home pages do;
// invite, lottery and group pages pass their own title, desc, image and a `path` carrying their ref.
import type { WechatShareView } from "../../views/components/wechat-share";
import { isWechatBrowser, wechatAccount } from "./config";
import { credentialsFor } from "./credentials-object";
import { pageUrlForSignature, wxConfig } from "./js-sdk-signature";

export const SHARE_APIS = ["updateAppMessageShareData", "updateTimelineShareData"];

export type ShareCardInput = {
  title: string;
  desc: string;
  /** a same-origin path or an absolute URL; WeChat fetches it for the card */
  image: string;
  /** where the card leads (same origin); default: this page */
  path?: string;
};

export async function wechatShare(
  env: Env,
  page: { url: string; userAgent: string | undefined },
  card: ShareCardInput,
  now = Date.now(),
): Promise<WechatShareView | null> {
  if (!isWechatBrowser(page.userAgent)) return null;
  const account = wechatAccount(env);
  if (!account) return null;
  const ticket = await credentialsFor(env, account.appid).jsapiTicket({ now });
  if (!ticket.ok) {
    console.log(JSON.stringify({ at: new Date(now).toISOString(), event: "wechat_share_no_ticket", ...ticket }));
    return null;
  }
  const url = pageUrlForSignature(page.url);
  const origin = new URL(url).origin;
  const config = await wxConfig({
    appId: account.appid,
    jsapiTicket: ticket.value,
    url,
    jsApiList: SHARE_APIS,
    timestamp: Math.floor(now / 1000),
  });
  return {
    jssdkUrl: account.jssdkUrl,
    config,
    card: {
      title: card.title,
      desc: card.desc,
      link: new URL(card.path ?? url, origin).toString(),
      imgUrl: new URL(card.image, origin).toString(),
    },
  };
}

/** The page's CSP additions for its share card: the JS-SDK's origin for scripts. */
export const shareCsp = (share: WechatShareView | null): { scriptSrc: string[] } =>
  share ? { scriptSrc: [new URL(share.jssdkUrl).origin] } : { scriptSrc: [] };
