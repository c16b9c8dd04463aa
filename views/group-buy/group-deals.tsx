// The item page's 拼团 box: each live deal with 开团 and its open groups to join (plain POST forms: the answer is
// the group's page).
import { PostForm } from "../components/post-form";
import { t } from "../i18n";
import { GroupCountdown } from "./group-countdown";

export type OpenGroupView = { id: string; seatsLeft: number; deadline: number; joinKey: string };

export type GroupDealView = {
  dealId: string;
  size: number;
  price: number;
  originalPoints: number;
  fillHours: number;
  /** the tiers the deal is limited to, as one phrase; null = every tier */
  tierNames: string | null;
  /** whether this member may open or join (true for a guest, who is asked to log in) */
  allowed: boolean;
  openKey: string;
  groups: OpenGroupView[];
};

export type GroupDealsProps = {
  deals: GroupDealView[];
  now: number;
  /** the member's CSRF token; null for a guest (who is asked to log in) */
  csrf: string | null;
};

export function GroupDeals({ deals, now, csrf }: GroupDealsProps) {
  if (deals.length === 0) return null;
  return (
    <section class="gbuy" id="group-deals">
      <h2 class="gbuy__title">{t("groupBuy.title")}</h2>
      {deals.map((d) => (
        <div class="gbuy__deal" key={d.dealId} data-deal-id={d.dealId}>
          <p class="gbuy__price">
            {t("groupBuy.dealLine", { size: d.size, price: d.price })}{" "}
            <s>{t("groupBuy.original", { points: d.originalPoints })}</s>
          </p>
          <p class="gbuy__hint">{t("groupBuy.fillWithin", { hours: d.fillHours, size: d.size })}</p>
          {d.tierNames && (
            <p class="gbuy__tiers" data-deal-tiers="">
              {t("groupBuy.tiers", { tiers: d.tierNames })}
            </p>
          )}
          {csrf && !d.allowed && d.tierNames ? (
            <p>
              <button class="btn btn--primary" type="button" disabled data-tier-blocked="">
                {t("groupBuy.tierBlocked", { tiers: d.tierNames })}
              </button>
            </p>
          ) : csrf ? (
            <PostForm csrf={csrf} method="post" action="/groups" class="gbuy__open">
              <input type="hidden" name="dealId" value={d.dealId} />
              <input type="hidden" name="key" value={d.openKey} />
              <button class="btn btn--primary" type="submit">
                {t("groupBuy.openButton", { price: d.price })}
              </button>
            </PostForm>
          ) : (
            <p>
              <a href="/login">{t("groupBuy.guest")}</a>
            </p>
          )}
          {d.groups.length > 0 && (
            <ul class="gbuy__groups">
              {d.groups.map((g) => (
                <li key={g.id} class="gbuy__group" data-group-id={g.id}>
                  <a href={`/groups/${g.id}`}>{t("groupBuy.seatsLeft", { n: g.seatsLeft })}</a>{" "}
                  <GroupCountdown deadline={g.deadline} now={now} />
                  {csrf && d.allowed && (
                    <PostForm csrf={csrf} method="post" action={`/groups/${g.id}/join`} class="gbuy__join">
                      <input type="hidden" name="key" value={g.joinKey} />
                      <button class="btn" type="submit">
                        {t("groupBuy.joinButton")}
                      </button>
                    </PostForm>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}
