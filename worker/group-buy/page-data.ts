// What the member's group pages render: the item page's deals with their open groups (Turso), one group
// exactly as its object holds it, and the member's groups (Turso's projection).
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { items, members } from "../../db/schema";
import type { GroupDealView } from "../../views/group-buy/group-deals";
import type { GroupPanelProps, GroupStateView, SeatStateView } from "../../views/group-buy/group-panel";
import type { MyGroupView } from "../../views/group-buy/my-groups-page";
import { t } from "../../views/i18n";
import { tierNames } from "../member/tier-names";
import { tierAllowed } from "../objects/tiers";
import { dealTiers, liveDealsQuery, myGroups, openGroups } from "./rows";
import type { GroupView } from "./types";

/** The item page's 拼团 box (empty when the item has no live deal). A deal limited to tiers names them and, for
 *  a member of another tier, offers no 开团/参团 button. */
export async function loadItemDeals(
  db: Db,
  itemId: number,
  originalPoints: number,
  now: number,
  member: { tierKey: string | null; rules: { tiers: readonly { key: string; name: string }[] } },
) {
  const deals = await liveDealsQuery(db, itemId, now);
  const groups = await openGroups(
    db,
    deals.map((d) => d.id),
    now,
  );
  return deals.map(
    (d): GroupDealView => ({
      dealId: d.id,
      size: d.groupSize,
      price: d.pointsPrice,
      originalPoints,
      fillHours: d.fillHours,
      tierNames: tierNames(dealTiers(d), member),
      allowed: member.tierKey === null || tierAllowed(dealTiers(d), member.tierKey),
      openKey: crypto.randomUUID(),
      groups: groups
        .filter((g) => g.dealId === d.id)
        .map((g) => ({ id: g.id, seatsLeft: g.size - g.taken, deadline: g.deadline, joinKey: crypto.randomUUID() })),
    }),
  );
}

/** 张** — a member's nickname (or uid) masked for other members' eyes. */
export function maskName(nickname: string | undefined, uid: string): string {
  const base = nickname?.trim() || uid;
  const chars = [...base];
  return t("groupBuy.member", { name: `${chars.slice(0, 1).join("")}**${chars.length > 3 ? chars.at(-1) : ""}` });
}

/** Seats the member sees: every seat not released (a refused join freed its seat). */
const shown = (g: GroupView) => g.seats.filter((s) => s.state !== "RELEASED");

export async function groupPanel(
  db: Db,
  g: GroupView,
  o: {
    uid: string | null;
    csrf: string | null;
    now: number;
    origin: string;
    notice?: GroupPanelProps["notice"];
    /** the member's tier key, and the merchant's tier table (for a group limited to tiers) */
    tierKey?: string | null;
    rules?: { tiers: readonly { key: string; name: string }[] };
  },
): Promise<GroupPanelProps> {
  const seats = shown(g);
  const uids = [...new Set(seats.map((s) => s.uid))];
  const names = uids.length
    ? await db.select({ uid: members.uid, nickname: members.nickname }).from(members).where(inArray(members.uid, uids))
    : [];
  const nick = new Map(names.map((n) => [n.uid, n.nickname]));
  const mine = o.uid ? seats.find((s) => s.uid === o.uid) : undefined;
  const state = g.state.toLowerCase() as GroupStateView;
  const open = g.state === "OPEN" && o.now < g.deadline;
  const allowed = tierAllowed(g.tiers, o.tierKey ?? null);
  return {
    id: g.id,
    itemId: g.itemId,
    itemName: g.itemName,
    size: g.size,
    price: g.price,
    state,
    seatsLeft: g.seatsLeft,
    deadline: g.deadline,
    now: o.now,
    members: seats.map((s) => ({
      name: maskName(nick.get(s.uid), s.uid),
      leader: s.uid === g.leader,
      state: s.state.toLowerCase() as SeatStateView,
    })),
    mine: mine ? { state: mine.state.toLowerCase() as SeatStateView, orderId: mine.orderId } : null,
    form:
      o.uid && o.csrf && !mine && open && g.seatsLeft > 0 && allowed
        ? { csrf: o.csrf, key: crypto.randomUUID() }
        : null,
    tierNames: o.rules ? tierNames(g.tiers, { rules: o.rules }) : null,
    tierBlocked: o.uid !== null && !mine && open && !allowed,
    guest: o.uid === null,
    shareUrl: `${o.origin}/groups/${g.id}`,
    notice: o.notice ?? null,
  };
}

export async function loadMyGroups(db: Db, uid: string): Promise<MyGroupView[]> {
  return (await myGroups(db, uid)).map(({ seat, group }) => ({
    groupId: group.id,
    itemName: group.itemName,
    size: group.size,
    taken: group.taken,
    price: group.pointsPrice,
    state: group.state,
    deadline: group.deadline,
    seat: seat.state as SeatStateView,
    orderId: seat.orderId,
  }));
}

/** The deal's item as a group opens with it. */
export async function itemOf(db: Db, itemId: number) {
  const [row] = await db
    .select({ id: items.id, name: items.name, type: items.type, points: items.points })
    .from(items)
    .where(eq(items.id, itemId))
    .limit(1);
  return row ?? null;
}
