// /me/groups: the member's groups (我的拼团), newest first, with each group's state and countdown.
import type { ComponentChildren } from "preact";
import { MeNav } from "../components/me-nav";
import { t } from "../i18n";
import { Layout, type MallView } from "../layout";
import { GroupCountdown } from "./group-countdown";
import type { GroupStateView, SeatStateView } from "./group-panel";

export type MyGroupView = {
  groupId: string;
  itemName: string;
  size: number;
  taken: number;
  price: number;
  state: GroupStateView;
  deadline: number;
  seat: SeatStateView;
  orderId: string | null;
};

export type MyGroupsPageProps = {
  mall: MallView;
  headerExtra?: ComponentChildren;
  csrf: string | null;
  groups: MyGroupView[];
  now: number;
};

export function MyGroupsPage({ mall, headerExtra, csrf, groups, now }: MyGroupsPageProps) {
  return (
    <Layout mall={mall} title={t("page.title", { title: t("me.groups"), mall: mall.name })} headerExtra={headerExtra}>
      <MeNav current="groups" csrf={csrf} />
      <h1 class="page-title">{t("me.groups")}</h1>
      {groups.length === 0 ? (
        <p class="empty">{t("groupBuy.mineEmpty")}</p>
      ) : (
        <ul class="gbuy__list">
          {groups.map((g) => (
            <li key={g.groupId} data-group-id={g.groupId} data-group-state={g.state}>
              <a href={`/groups/${g.groupId}`}>{g.itemName}</a> ·{" "}
              {t("groupBuy.dealLine", { size: g.size, price: g.price })} · {t(`groupBuy.state.${g.state}`)} ·{" "}
              {t(`groupBuy.seat.${g.seat}`)}
              {g.state === "open" && (
                <>
                  {" "}
                  · {t("groupBuy.taken", { taken: g.taken, size: g.size })}{" "}
                  <GroupCountdown deadline={g.deadline} now={now} />
                </>
              )}
              {g.orderId && (
                <>
                  {" "}
                  · <a href={`/me/orders/${g.orderId}`}>{t("groupBuy.order", { orderId: g.orderId })}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
