import type { ComponentChildren } from "preact";
import { Message } from "../components/message";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { MallView } from "../layout";

export type NotFoundPageProps = {
  mall: MallView;
  /** "item": 商品不存在 (unknown or withdrawn item); "page": 页面不存在 (default) */
  kind?: "page" | "item";
  /** overrides of the kind's default texts */
  title?: string;
  message?: string;
  headerExtra?: ComponentChildren;
};

/** Serve with status 404. */
export function NotFoundPage({ mall, kind = "page", title, message, headerExtra }: NotFoundPageProps) {
  const heading = title ?? (kind === "item" ? t("notFound.item.title") : t("notFound.page.title"));
  const text = message ?? (kind === "item" ? t("notFound.item.message") : t("notFound.page.message"));
  return (
    <Layout mall={mall} title={t("page.title", { title: heading, mall: mall.name })} headerExtra={headerExtra}>
      <Message icon="warn" title={heading} text={text} action={{ href: "/", label: t("common.backHome") }} />
    </Layout>
  );
}
