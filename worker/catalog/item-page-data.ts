// What the item page (and its redeem area alone) needs: the item with its live stock, the member's header
// and wallet summary, their saved addresses. Independent reads run side by side.
import type { Db } from "../../db/client";
import type { AddressStepView } from "../../views/components/address-step";
import type { MemberBarView } from "../../views/components/member-bar";
import type { RedeemFormView } from "../../views/components/redeem-area";
import type { ItemDetailView } from "../../views/pages/item-page";
import type { SavedAddress } from "../../domain";
import { listAddresses } from "../addresses/addresses";
import type { Session } from "../identity/session";
import { loadMemberBar } from "../member/member-bar";
import { walletRules, type MallSettings } from "../settings/load-settings";
import { loadItemDetail } from "./item-detail";
import { stockState } from "./item-cards";
import { liveStock } from "./live-stock";
import { redeemFormView } from "./redeem-view";

export type ItemPageData = MallSettings & {
  item: ItemDetailView;
  bar: MemberBarView;
  /** null for guests */
  form: RedeemFormView | null;
  /** the member's tier key (null for a guest) */
  tierKey: string | null;
};

/** Null when the item is unknown or not on the shelf. */
export async function loadItemPageData(
  env: Env,
  db: Db,
  session: Session | null,
  itemId: number,
  now: number,
  opts: { place?: RedeemFormView["place"]; step?: AddressStepView } = {},
): Promise<ItemPageData | null> {
  const [data, live, addresses] = await Promise.all([
    loadItemDetail(db, itemId, now),
    liveStock(env, db, itemId),
    session ? listAddresses(db, session.uid) : Promise.resolve([] as SavedAddress[]),
  ]);
  if (!data.item) return null;
  const stock = live ?? data.item.stock;
  const item: ItemDetailView = { ...data.item, stock, stockState: stockState(stock) };
  const { bar, summary } = await loadMemberBar(env, session, walletRules(data), now);
  const form =
    bar.kind === "member" && summary
      ? redeemFormView({
          item: { ...item, tierNames: item.tierNames ?? null },
          member: { balance: summary.balance, tierKey: summary.tier.key },
          csrf: bar.csrf,
          addresses,
          now,
          place: opts.place ?? "item",
          step: opts.step ? { ...opts.step, saved: addresses } : undefined,
        })
      : null;
  return {
    mall: data.mall,
    timeZone: data.timeZone,
    rules: data.rules,
    item,
    bar,
    form,
    tierKey: summary?.tier.key ?? null,
  };
}
