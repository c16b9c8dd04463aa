// The redeem form of one item for one member, as the views take it: a fresh idempotency key, the CSRF
// token, the address step for physical items, and why the button is disabled right now (if it is). The
// server refuses all of those cases anyway; this only keeps the page honest.
import type { AddressStepView } from "../../views/components/address-step";
import type { RedeemBlock, RedeemFormView } from "../../views/components/redeem-area";
import type { SaleWindowView } from "../../views/components/sale-window";
import type { SavedAddress } from "../../domain";
import { EMPTY_ADDRESS } from "../../views/components/address-fields";

export type RedeemFormInput = {
  item: {
    id: number;
    type: RedeemFormView["itemType"];
    points: number;
    cashFen: number;
    /** units left (live from the stock object on the item page; the projection on /flash) */
    stock: number;
    sale: SaleWindowView | null;
    /** tier keys allowed; null = everyone */
    tiers: string[] | null;
    tierNames: string[] | null;
  };
  member: { balance: number; tierKey: string };
  csrf: string;
  addresses: SavedAddress[];
  now: number;
  place: RedeemFormView["place"];
  /** the address step as re-rendered after a 422 */
  step?: AddressStepView;
};

export function redeemBlock(input: Pick<RedeemFormInput, "item" | "member" | "now">): RedeemBlock | null {
  const { item, member, now } = input;
  if (item.sale && now < item.sale.startsAt) return { reason: "upcoming", startsAt: item.sale.startsAt, now };
  if (item.sale && now >= item.sale.endsAt) return { reason: "ended" };
  if (item.stock <= 0) return { reason: "sold_out" };
  if (item.tiers && !item.tiers.includes(member.tierKey))
    return { reason: "tier", tiers: (item.tierNames ?? item.tiers).join(" / ") };
  if (member.balance < item.points) return { reason: "points", balance: member.balance };
  return null;
}

/** The address step as first shown: the default address chosen, else the newest, else the new-address fields. */
export function initialAddressStep(addresses: SavedAddress[]): AddressStepView {
  const chosen = addresses.find((a) => a.isDefault) ?? addresses[0];
  return { saved: addresses, choice: chosen ? String(chosen.id) : "new", values: EMPTY_ADDRESS, errors: {} };
}

export function redeemFormView(input: RedeemFormInput): RedeemFormView {
  const { item, now } = input;
  const live = item.sale && now >= item.sale.startsAt && now < item.sale.endsAt;
  return {
    itemId: item.id,
    itemType: item.type,
    points: item.points,
    cashFen: item.cashFen,
    key: crypto.randomUUID(),
    csrf: input.csrf,
    block: redeemBlock(input),
    liveUntil: live ? { endsAt: item.sale!.endsAt, now } : null,
    address: item.type === "physical" ? (input.step ?? initialAddressStep(input.addresses)) : null,
    place: input.place,
  };
}
