import type { ComponentChildren } from "preact";
import { Message } from "../components/message";
import { t } from "../i18n";
import { Layout } from "../layout";
import type { MallView } from "../layout";

export type ErrorPageProps = {
  mall: MallView;
  /** HTTP status the Worker answers with (400, 401, 403, 429, 500, …) */
  status: number;
  /** default: the catalogue's text for the status */
  title?: string;
  message?: string;
  headerExtra?: ComponentChildren;
};

/** Default title and message for a status (every 5xx shares the 500 text). */
export function errorText(status: number): { title: string; message: string } {
  if (status >= 500) return { title: t("error.500.title"), message: t("error.500.message") };
  switch (status) {
    case 400:
      return { title: t("error.400.title"), message: t("error.400.message") };
    case 401:
      return { title: t("error.401.title"), message: t("error.401.message") };
    case 403:
      return { title: t("error.403.title"), message: t("error.403.message") };
    case 429:
      return { title: t("error.429.title"), message: t("error.429.message") };
    default:
      return { title: t("error.generic.title"), message: t("error.generic.message") };
  }
}

/** Generic error page (400/401/403/429/500 …); 404s use NotFoundPage. */
export function ErrorPage({ mall, status, title, message, headerExtra }: ErrorPageProps) {
  const fallback = errorText(status);
  const heading = title ?? fallback.title;
  return (
    <Layout mall={mall} title={t("page.title", { title: heading, mall: mall.name })} headerExtra={headerExtra}>
      <Message
        icon="warn"
        title={heading}
        text={message ?? fallback.message}
        action={{ href: "/", label: t("common.backHome") }}
      >
        <p class="msg__code">{t("error.code", { status })}</p>
      </Message>
    </Layout>
  );
}
