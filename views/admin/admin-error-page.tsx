import { Message } from "../components/message";
import { t } from "../i18n";
import { AdminLayout } from "./admin-layout";
import type { AdminMeView } from "./types";

export type AdminErrorPageProps = {
  brandColor: string;
  /** the signed-in admin, when there is one (the nav stays, so they can go on working) */
  me?: AdminMeView;
  status: number;
  title: string;
  message: string;
};

/** An error inside the console: the console's shell and a way back into it, never the shopper's home. */
export function AdminErrorPage({ brandColor, me, status, title, message }: AdminErrorPageProps) {
  return (
    <AdminLayout title={title} brandColor={brandColor} me={me}>
      <Message icon="warn" title={title} text={message} action={{ href: "/admin", label: t("admin.error.back") }}>
        <p class="msg__code">{t("error.code", { status })}</p>
      </Message>
    </AdminLayout>
  );
}
