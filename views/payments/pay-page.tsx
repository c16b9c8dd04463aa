// 支付订单 (/me/orders/{id}/pay, /me/orders/{id}/paid): the order's pay box; and the JSAPI page, which hands
// the signed wx.chooseWXPay parameters to /js/pay.js (WeixinJSBridge inside WeChat) — with, on a local
// setup, a link to the fake provider's cashier that checks the same signature.
import type { ComponentChildren } from "preact";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { PaymentBox, type PaymentBoxView } from "./payment-box";

export function PayPage({
  mall,
  box,
  headerExtra,
}: {
  mall: MallView;
  box: PaymentBoxView;
  headerExtra?: ComponentChildren;
}) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("payments.title"), mall: mall.name })}
      headerExtra={headerExtra}
    >
      <h1 class="sr">{t("payments.title")}</h1>
      <PaymentBox {...box} />
    </Layout>
  );
}

export function JsapiPayPage({
  mall,
  params,
  returnUrl,
  localCashierUrl,
}: {
  mall: MallView;
  params: Record<string, string>;
  returnUrl: string;
  localCashierUrl: string | null;
}) {
  return (
    <Layout mall={mall} title={t("page.title", { title: t("payments.title"), mall: mall.name })}>
      <section class="panel pay" id="jsapi-pay" data-pay-params={JSON.stringify(params)} data-return-url={returnUrl}>
        <p>{t("payments.jsapiHint")}</p>
        {localCashierUrl && (
          <p>
            <a class="btn" href={localCashierUrl} data-local-cashier>
              {t("payments.localCashier")}
            </a>
          </p>
        )}
        <p class="center">
          <a class="link" href={returnUrl}>
            {t("payments.back")}
          </a>
        </p>
      </section>
      <script src="/js/pay.js" defer />
    </Layout>
  );
}

/** On the way to the provider's H5 cashier. A form post may not redirect to another origin (CSP form-action
 *  'self' covers redirects), so the answer is this page, which goes there itself (meta refresh, and a link). */
export function PayRedirectPage({ mall, url }: { mall: MallView; url: string }) {
  return (
    <Layout mall={mall} title={t("page.title", { title: t("payments.title"), mall: mall.name })}>
      <meta http-equiv="refresh" content={`0;url=${url}`} />
      <section class="panel pay" data-pay-url={url}>
        <p>{t("payments.redirecting")}</p>
        <p>
          <a class="btn" href={url}>
            {t("payments.continue")}
          </a>
        </p>
      </section>
    </Layout>
  );
}
