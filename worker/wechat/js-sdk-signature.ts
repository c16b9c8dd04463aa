// The JS-SDK wx.config signature (JS-SDK说明文档 附录1): SHA-1 hex of
//   jsapi_ticket=…&noncestr=…&timestamp=…&url=…
// keys in that (ASCII) order, values raw (not URL-encoded), url = the page's full URL without the #fragment.
export type JsSdkSignInput = { jsapiTicket: string; nonceStr: string; timestamp: number | string; url: string };

export const pageUrlForSignature = (url: string): string => {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
};

export const jsSdkSigningString = (i: JsSdkSignInput): string =>
  `jsapi_ticket=${i.jsapiTicket}&noncestr=${i.nonceStr}&timestamp=${i.timestamp}&url=${pageUrlForSignature(i.url)}`;

export async function jsSdkSignature(i: JsSdkSignInput): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(jsSdkSigningString(i))));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

export type WxConfig = {
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
  jsApiList: string[];
  /** the open tags the page uses (wx-open-subscribe on /messages) */
  openTagList?: string[];
};

/** The object a page passes to wx.config (debug left to the page). */
export async function wxConfig(input: {
  appId: string;
  jsapiTicket: string;
  url: string;
  jsApiList: string[];
  nonceStr?: string;
  timestamp?: number;
}): Promise<WxConfig> {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const nonceStr = input.nonceStr ?? crypto.randomUUID().replace(/-/g, "").slice(0, 16);
  const signature = await jsSdkSignature({ jsapiTicket: input.jsapiTicket, nonceStr, timestamp, url: input.url });
  return { appId: input.appId, timestamp, nonceStr, signature, jsApiList: input.jsApiList };
}
