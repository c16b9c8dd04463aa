// A group (拼团) as its page shows it and as htmx swaps it after a join: state, members (masked), seats left,
// the countdown, the member's own seat (with its order or refund) and the share link.
import { ErrorNotice } from "../components/error-notice";
import { PostForm } from "../components/post-form";
import { t } from "../i18n";
import { GroupCountdown } from "./group-countdown";

export type GroupStateView = "open" | "filled" | "completed" | "failing" | "failed";
export type SeatStateView = "holding" | "paid" | "ordered" | "refunding" | "refunded";

export type GroupPanelProps = {
  id: string;
  itemId: number;
  itemName: string;
  size: number;
  price: number;
  state: GroupStateView;
  seatsLeft: number;
  deadline: number;
  now: number;
  members: { name: string; leader: boolean; state: SeatStateView }[];
  /** the member's own seat; null when not in the group (or a guest) */
  mine: { state: SeatStateView; orderId: string | null } | null;
  /** the join form (a member not in an open group); null otherwise */
  form: { csrf: string; key: string } | null;
  guest: boolean;
  /** the tiers the group is limited to, as one phrase; null = every tier */
  tierNames: string | null;
  /** a member of another tier (no join form) */
  tierBlocked: boolean;
  shareUrl: string;
  notice?: { code: string; message: string } | null;
};

export function GroupPanel(p: GroupPanelProps) {
  return (
    <section id="group-panel" class={`gbuy gbuy--${p.state}`} data-group-state={p.state}>
      {p.notice && <ErrorNotice code={p.notice.code} message={p.notice.message} />}
      <h1 class="page-title">{t("groupBuy.pageTitle", { item: p.itemName })}</h1>
      <p class="gbuy__price">{t("groupBuy.dealLine", { size: p.size, price: p.price })}</p>
      <p class="gbuy__state">{t(`groupBuy.state.${p.state}`)}</p>
      {p.tierNames && (
        <p class="gbuy__tiers" data-group-tiers="">
          {t("groupBuy.tiers", { tiers: p.tierNames })}
        </p>
      )}
      {p.state === "open" && (
        <p>
          <span data-seats-left={p.seatsLeft}>{t("groupBuy.seatsLeft", { n: p.seatsLeft })}</span>{" "}
          <GroupCountdown deadline={p.deadline} now={p.now} />
        </p>
      )}
      <ol class="gbuy__members">
        {p.members.map((m, i) => (
          <li key={`${i}`}>
            {m.name}
            {m.leader && <span class="badge">{t("groupBuy.leader")}</span>} · {t(`groupBuy.seat.${m.state}`)}
          </li>
        ))}
      </ol>
      {p.mine && (
        <p class="gbuy__mine" data-my-seat={p.mine.state}>
          {t(`groupBuy.mine.${p.mine.state}`, { price: p.price })}
          {p.mine.orderId && (
            <>
              {" "}
              <a href={`/me/orders/${p.mine.orderId}`} data-order-id={p.mine.orderId}>
                {t("groupBuy.order", { orderId: p.mine.orderId })}
              </a>
            </>
          )}
        </p>
      )}
      {p.form && (
        <PostForm
          csrf={p.form.csrf}
          method="post"
          action={`/groups/${p.id}/join`}
          hx-post={`/groups/${p.id}/join`}
          hx-target="#group-panel"
          hx-swap="outerHTML"
          class="gbuy__join"
        >
          <input type="hidden" name="key" value={p.form.key} />
          <button class="btn btn--primary" type="submit">
            {t("groupBuy.joinFor", { price: p.price })}
          </button>
        </PostForm>
      )}
      {p.tierBlocked && p.tierNames && (
        <p>
          <button class="btn btn--primary" type="button" disabled data-tier-blocked="">
            {t("groupBuy.tierBlocked", { tiers: p.tierNames })}
          </button>
        </p>
      )}
      {p.guest && p.state === "open" && (
        <p>
          <a href="/login">{t("groupBuy.guest")}</a>
        </p>
      )}
      <p class="gbuy__share">
        <label>
          {t("groupBuy.shareLabel")} <input type="text" readonly value={p.shareUrl} class="gbuy__link" />
        </label>
      </p>
      <p>
        <a href={`/items/${p.itemId}`}>{t("groupBuy.toItem")}</a> · <a href="/me/groups">{t("me.groups")}</a>
      </p>
    </section>
  );
}
