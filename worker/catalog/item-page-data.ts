// What the item page (and its redeem area alone) needs: the item with its live stock, the member's header
// and wallet summary, their saved addresses, the item's 拼团 deals. One read batch (one round trip to Turso:
// the item, its sale rules, its deals and their open groups, the member's addresses), beside the member's
// wallet call; then the stock object's exact number, which needs the sale rules.
import type { Db } from "../../db/client";
import type { AddressStepView } from "../../views/components/address-step";
import type { MemberBarView } from "../../views/components/member-bar";
import type { RedeemFormView } from "../../views/components/redeem-area";
import type { GroupDealView } from "../../views/group-buy/group-deals";
import type { ItemDetailView } from "../../views/pages/item-page";
import { addressListQuery } from "../addresses/addresses";
import { itemDealViews } from "../group-buy/page-data";
import { liveDealsQuery, openGroupsOfItemQuery } from "../group-buy/rows";
import type { Session } from "../identity/session";
import { loadMemberBar } from "../member/member-bar";
import { saleItemQuery, toSaleItem } from "../redeem/sale-rules";
import { cachedPageVersion, loadSettings, walletRules, type MallSettings } from "../settings/load-settings";
import { itemDetailOf, itemDetailQueries } from "./item-detail";
import { stockState } from "./item-cards";
import { memoItemRows, rememberItemRows } from "./item-rows-memo";
import { liveStock } from "./live-stock";
import { redeemFormView } from "./redeem-view";

export type ItemPageData = MallSettings & {
  item: ItemDetailView;
  bar: MemberBarView;
  /** null for guests */
  form: RedeemFormView | null;
  /** the member's tier key (null for a guest) */
  tierKey: string | null;
  /** the item's live 拼团 deals (fresh keys), empty when it has none */
  deals: GroupDealView[];
};

/** The item's own rows (nothing of any member's), for one read batch. */
function itemQueries(db: Db, itemId: number, now: number) {
  return [
    ...itemDetailQueries(db, itemId, now),
    saleItemQuery(db, itemId),
    liveDealsQuery(db, itemId, now),
    openGroupsOfItemQuery(db, itemId, now),
  ] as const;
}

const itemBatch = (db: Db, itemId: number, now: number) => db.batch(itemQueries(db, itemId, now));
type ItemResults = Awaited<ReturnType<typeof itemBatch>>;
type SharedRows = {
  detail: readonly [ItemResults[0], ItemResults[1], ItemResults[2]];
  sale: ItemResults[3];
  deals: ItemResults[4];
  groups: ItemResults[5];
};

/** The item's rows and the member's addresses in one read batch. A member's request takes the item's rows
 *  this isolate read in the last ITEM_ROWS_MEMO_MS at the same page version (./item-rows-memo.ts) and then
 *  reads only the addresses, and only for a physical item (the one kind whose form lists them). */
async function readItem(db: Db, uid: string | null, itemId: number, now: number) {
  if (uid === null) {
    const [card, extra, images, sale, deals, groups] = await itemBatch(db, itemId, now);
    return { detail: [card, extra, images] as const, sale, deals, groups, addresses: [] };
  }
  const version = await cachedPageVersion(db); // read with the settings (per isolate, no round trip)
  const kept = memoItemRows<SharedRows>(db, version, itemId, now);
  if (kept) {
    const physical = kept.detail[0][0]?.type === "physical";
    return { ...kept, addresses: physical ? await addressListQuery(db, uid) : [] };
  }
  const [card, extra, images, sale, deals, groups, addresses] = await db.batch([
    ...itemQueries(db, itemId, now),
    addressListQuery(db, uid),
  ]);
  const shared: SharedRows = { detail: [card, extra, images] as const, sale, deals, groups };
  rememberItemRows(db, version, itemId, shared, now);
  return { ...shared, addresses };
}

/** Null when the item is unknown or not on the shelf. */
export async function loadItemPageData(
  env: Env,
  db: Db,
  session: (Session & { blocked?: boolean }) | null,
  itemId: number,
  now: number,
  opts: { place?: RedeemFormView["place"]; step?: AddressStepView } = {},
): Promise<ItemPageData | null> {
  const settings = await loadSettings(db); // per isolate (worker/settings/load-settings.ts)
  const [rows, member] = await Promise.all([
    readItem(db, session?.uid ?? null, itemId, now).then(async (r) => {
      const saleRow = r.sale[0];
      return { ...r, live: saleRow ? await liveStock(env, itemId, toSaleItem(saleRow).rules) : null };
    }),
    loadMemberBar(env, session, walletRules(settings), now),
  ]);
  const detail = itemDetailOf(rows.detail, settings.rules, now);
  if (!detail) return null;
  const stock = rows.live ?? detail.stock;
  const item: ItemDetailView = { ...detail, stock, stockState: stockState(stock) };
  const { bar, summary } = member;
  const addresses = rows.addresses;
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
  const tierKey = summary?.tier.key ?? null;
  const deals = itemDealViews(rows.deals, rows.groups, item.points, { tierKey, rules: settings.rules });
  return { mall: settings.mall, timeZone: settings.timeZone, rules: settings.rules, item, bar, form, tierKey, deals };
}
