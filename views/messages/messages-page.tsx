// 消息中心 /messages: the member's messages (MessageList) and, where the merchant configured WeChat templates, the
// subscribe step: inside WeChat the open tag wx-open-subscribe (its answer reported by /js/messages-subscribe.js
// to POST /messages/subscriptions); elsewhere a hint to open the page in WeChat.
import type { ComponentChildren } from "preact";
import { MeNav } from "../components/me-nav";
import type { WechatShareView } from "../components/wechat-share";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { MessageList, type MessageListView } from "./message-list";

declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      /** WeChat's open tag for 订阅通知 (JS-SDK openTagList), rendered by WeChat inside its browser. */
      "wx-open-subscribe": { template: string; id?: string; children?: ComponentChildren };
    }
  }
}

export type SubscribeView = {
  /** the template ids the merchant configured (one per kind sent to WeChat) */
  templateIds: string[];
  /** inside WeChat with a signed wx.config (the open tag needs it) */
  inWechat: boolean;
  /** the member's remaining acceptances, summed */
  credits: number;
};

export function SubscribeStep({ sub, csrf }: { sub: SubscribeView; csrf: string }) {
  return (
    <section class="panel inbox__sub" id="message-subscribe" data-templates={sub.templateIds.join(",")}>
      <h2 class="panel__title">{t("messages.subscribe.heading")}</h2>
      <p class="muted">{t("messages.subscribe.hint")}</p>
      {sub.credits > 0 && <p data-credits={sub.credits}>{t("messages.subscribe.credits", { count: sub.credits })}</p>}
      {sub.inWechat ? (
        <>
          <meta name="pm-csrf" content={csrf} />
          {/* the open tag's template is HTML by design (WeChat renders it); its one text is our catalogue's */}
          <wx-open-subscribe template={sub.templateIds.join(",")} id="subscribe-btn">
            <script
              type="text/wxtag-template"
              dangerouslySetInnerHTML={{ __html: `<button class="btn">${t("messages.subscribe.button")}</button>` }}
            />
          </wx-open-subscribe>
          <p class="muted" id="subscribe-result" role="status"></p>
          <script src="/js/messages-subscribe.js" defer></script>
        </>
      ) : (
        <p class="muted">{t("messages.subscribe.outsideWechat")}</p>
      )}
    </section>
  );
}

export function MessagesPage(props: {
  mall: MallView;
  list: MessageListView;
  subscribe: SubscribeView | null;
  headerExtra?: ComponentChildren;
  share?: WechatShareView | null;
}) {
  return (
    <Layout
      mall={props.mall}
      title={t("page.title", { title: t("messages.title"), mall: props.mall.name })}
      headerExtra={props.headerExtra}
      share={props.share}
    >
      <MeNav current="messages" csrf={props.list.csrf} />
      <h1 class="page-title">{t("messages.title")}</h1>
      <MessageList list={props.list} />
      {props.subscribe && <SubscribeStep sub={props.subscribe} csrf={props.list.csrf} />}
    </Layout>
  );
}
