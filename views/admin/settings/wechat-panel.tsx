import { PostForm } from "../../components/post-form";
import { t } from "../../i18n";

export type WechatPanelProps = {
  csrf: string;
  /** the configured official account (WECHAT_APPID), or null: WeChat login and share cards are off */
  appid: string | null;
  /** the host to enter as 网页授权域名 and JS接口安全域名 in WeChat's console */
  domain: string;
  userinfo: boolean;
  saved?: boolean;
};

/** 微信服务号: whether an account is configured, the domain WeChat must know, and the login's scope. */
export function WechatPanel({ csrf, appid, domain, userinfo, saved }: WechatPanelProps) {
  return (
    <section class="panel" id="settings-wechat" aria-labelledby="settings-wechat-title">
      <h2 class="panel__title" id="settings-wechat-title">
        {t("admin.settings.wechat.title")}
      </h2>
      {saved && (
        <p class="alert alert--info" role="status" data-saved="wechat">
          {t("admin.settings.saved")}
        </p>
      )}
      <p data-wechat-appid={appid ?? ""}>
        {appid ? t("admin.settings.wechat.configured", { appid }) : t("admin.settings.wechat.notConfigured")}
      </p>
      <p class="hint">{t("admin.settings.wechat.domain", { domain })}</p>
      <p>
        <a href="/admin/settings/messages">{t("messages.admin.nav")}</a>
      </p>
      <PostForm class="fields" method="post" action="/admin/settings/wechat" csrf={csrf}>
        <label class="aitem__check">
          <input type="checkbox" name="userinfo" value="on" checked={userinfo} /> {t("admin.settings.wechat.userinfo")}
        </label>
        <p class="hint">{t("admin.settings.wechat.userinfoHint")}</p>
        <button class="btn" type="submit">
          {t("admin.settings.wechat.save")}
        </button>
      </PostForm>
    </section>
  );
}
