import type { ComponentChildren } from "preact";
import type { WechatShareView } from "../components/wechat-share";
import { MeNav } from "../components/me-nav";
import { formatDate } from "../format";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";

export type RewardState = "pending" | "paid" | "refused";

export type InviteeView = {
  /** masked: 小*子 */
  name: string;
  joinedAt: number;
  qualified: boolean;
  /** what this member (the inviter) got for them */
  myPoints: number;
  myState: RewardState;
};

export type InvitePageProps = {
  mall: MallView;
  csrf: string;
  link: string;
  code: string;
  programme: {
    enabled: boolean;
    inviterPoints: number;
    inviteePoints: number;
    qualify: "signup" | "checkin" | "purchase";
  };
  invitees: InviteeView[];
  earned: number;
  timeZone: string;
  headerExtra?: ComponentChildren;
  share?: WechatShareView | null;
};

/** 邀请有礼 (/invite): the member's link and code (selectable text; a copy button with JS), what the programme
 *  pays, and the friends they invited with what each brought them. */
export function InvitePage(p: InvitePageProps) {
  const { mall, programme } = p;
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("referrals.title"), mall: mall.name })}
      headerExtra={p.headerExtra}
      share={p.share}
    >
      <MeNav current="invite" csrf={p.csrf} />
      <section class="panel" aria-labelledby="invite-title">
        <h1 id="invite-title" class="panel__title">
          {t("referrals.title")}
        </h1>
        {programme.enabled ? (
          <p data-invite-rule>
            {t("referrals.rule", {
              inviter: programme.inviterPoints,
              invitee: programme.inviteePoints,
              action: t(`referrals.qualify.${programme.qualify}`),
            })}
          </p>
        ) : (
          <p class="muted" data-invite-off>
            {t("referrals.off")}
          </p>
        )}
        <p class="field__label">{t("referrals.link")}</p>
        <p class="invite__link">
          <output id="invite-link" data-invite-link>
            {p.link}
          </output>
        </p>
        <p>
          <button class="btn" type="button" data-copy="#invite-link" data-copied={t("referrals.copied")} hidden>
            {t("referrals.copy")}
          </button>
        </p>
        <p class="field__label">{t("referrals.code")}</p>
        <p class="invite__code">
          <strong data-invite-code>{p.code}</strong>
        </p>
        <p class="muted">{t("referrals.howTo")}</p>
      </section>
      <section class="panel" aria-labelledby="invitees-title">
        <h2 id="invitees-title" class="panel__title">
          {t("referrals.invitees", { count: p.invitees.length, earned: p.earned })}
        </h2>
        {p.invitees.length === 0 ? (
          <p class="muted">{t("referrals.none")}</p>
        ) : (
          <ul class="list" data-invitees>
            {p.invitees.map((i) => (
              <li class="list__row" data-invitee-state={i.myState}>
                <span>{i.name}</span>
                <span class="muted">{formatDate(i.joinedAt, p.timeZone)}</span>
                <span>
                  {i.myState === "paid"
                    ? t("referrals.state.paid", { points: i.myPoints })
                    : i.myState === "refused"
                      ? t("referrals.state.refused")
                      : t("referrals.state.pending")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
