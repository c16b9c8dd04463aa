import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { AdjustPanel } from "./adjust-panel";
import { MemberLedger } from "./member-ledger";
import { MemberSummary } from "./member-summary";
import type { AdjustPanelView, MemberProfileView } from "./types";
import { PostForm } from "../../components/post-form";

export type AdminMemberPageProps = {
  brandColor: string;
  me: AdminMeView;
  member: MemberProfileView;
  adjust: AdjustPanelView;
};

/** A member's profile in the console: facts, manual adjustment, block/unblock, the full ledger. */
export function AdminMemberPage({ brandColor, me, member: m, adjust }: AdminMemberPageProps) {
  const base = `/admin/members/${encodeURIComponent(m.uid)}`;
  return (
    <AdminLayout
      title={t("admin.members.profileTitle", { uid: m.uid })}
      brandColor={brandColor}
      me={me}
      current="members"
    >
      <p>
        <a href="/admin/members">{t("admin.members.back")}</a>
      </p>
      <MemberSummary m={m} />
      <AdjustPanel p={adjust} />
      <section class="panel" aria-labelledby="block-title">
        <h2 id="block-title" class="panel__title">
          {t("admin.members.block.title")}
        </h2>
        <p class="hint">{t("admin.members.block.hint")}</p>
        <PostForm csrf={me.csrf} method="post" action={`${base}/${m.blocked ? "unblock" : "block"}`} data-block-form>
          <button class={m.blocked ? "btn btn--block" : "btn btn--block btn--ghost"} type="submit">
            {m.blocked ? t("admin.members.block.unblock") : t("admin.members.block.block")}
          </button>
        </PostForm>
      </section>
      <MemberLedger uid={m.uid} rows={m.ledger} nextCursor={m.nextCursor} timeZone={m.timeZone} />
    </AdminLayout>
  );
}
