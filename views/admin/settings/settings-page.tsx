import { t } from "../../i18n";
import { AdminLayout } from "../admin-layout";
import type { AdminMeView } from "../types";
import { AutologinPanel, type AutologinPanelProps } from "./autologin-panel";
import { MallForm } from "./mall-form";
import { RulesForm } from "./rules-form";
import { WechatPanel, type WechatPanelProps } from "./wechat-panel";
import type { FieldErrors, MallFormValues, RulesFormValues, RulesPreviewView } from "./types";

export type AdminSettingsPageProps = {
  brandColor: string;
  timeZone: string;
  me: AdminMeView;
  mall: MallFormValues;
  mallErrors?: FieldErrors;
  rules: RulesFormValues;
  rulesErrors?: FieldErrors;
  preview?: RulesPreviewView | null;
  secrets: AutologinPanelProps["secrets"];
  rotated?: AutologinPanelProps["rotated"];
  /** after a save (303 → ?saved=…) */
  saved?: "mall" | "rules" | "wechat";
  /** 微信服务号 */
  wechat?: Omit<WechatPanelProps, "csrf" | "saved">;
};

/** 设置 (owners only): the mall's look, the earning rules with a preview, and the autologin secret. */
export function AdminSettingsPage(p: AdminSettingsPageProps) {
  return (
    <AdminLayout title={t("admin.settings.title")} brandColor={p.brandColor} me={p.me} current="settings">
      <h1 class="page-title">{t("admin.settings.title")}</h1>
      <MallForm csrf={p.me.csrf} values={p.mall} errors={p.mallErrors} saved={p.saved === "mall"} />
      <RulesForm
        csrf={p.me.csrf}
        timeZone={p.timeZone}
        values={p.rules}
        errors={p.rulesErrors}
        preview={p.preview}
        saved={p.saved === "rules"}
      />
      {p.wechat && <WechatPanel csrf={p.me.csrf} {...p.wechat} saved={p.saved === "wechat"} />}
      <AutologinPanel csrf={p.me.csrf} timeZone={p.timeZone} secrets={p.secrets} rotated={p.rotated} />
    </AdminLayout>
  );
}
