// /groups/{id}: one group (拼团) with its members, seats left, countdown and share link.
import type { ComponentChildren } from "preact";
import type { WechatShareView } from "../components/wechat-share";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { GroupPanel, type GroupPanelProps } from "./group-panel";

export type GroupPageProps = {
  mall: MallView;
  headerExtra?: ComponentChildren;
  share?: WechatShareView | null;
  panel: GroupPanelProps;
};

export function GroupPage({ mall, headerExtra, share, panel }: GroupPageProps) {
  return (
    <Layout
      mall={mall}
      title={t("page.title", { title: t("groupBuy.pageTitle", { item: panel.itemName }), mall: mall.name })}
      headerExtra={headerExtra}
      share={share}
    >
      <GroupPanel {...panel} />
    </Layout>
  );
}
