import { Message } from "../components/message";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { MallView } from "../layout";

/** How a shopper logs in: there is no password; the merchant's menu or link logs them in. */
export function LoginPage({ mall, reason }: { mall: MallView; reason?: string }) {
  return (
    <Layout mall={mall} title={t("page.title", { title: t("login.title"), mall: mall.name })}>
      <Message
        icon="empty"
        title={reason ?? t("login.title")}
        text={t("login.text")}
        action={{ href: "/", label: t("common.backHome") }}
      />
    </Layout>
  );
}
