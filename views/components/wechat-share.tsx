// The share card of a page opened in WeChat: the JS-SDK, our own wechat-share.js, and the signed wx.config
// with the card (title, description, link, image) as data for that script. Rendered by the Layout in <head>.
import type { WxConfig } from "../../worker/wechat/js-sdk-signature";

export type ShareCardView = { title: string; desc: string; link: string; imgUrl: string };
export type WechatShareView = { jssdkUrl: string; config: WxConfig; card: ShareCardView };

export function WechatShareHead({ share }: { share: WechatShareView }) {
  return (
    <>
      <script src={share.jssdkUrl} defer></script>
      <script src="/js/wechat-share.js" defer></script>
      <meta name="wx-config" content={JSON.stringify(share.config)} />
      <meta name="wx-share" content={JSON.stringify(share.card)} />
    </>
  );
}
