import { formatCountdown, formatPointsPrice } from "../format";
import { t } from "../i18n";
import { AddressStep, addressStepId } from "./address-step";
import { LoginPrompt } from "./login-prompt";
import type { AddressStepView } from "./address-step";
import type { ItemType } from "../../domain";
import { PostForm } from "./post-form";

/** Why the redeem button is disabled right now (the server refuses these anyway; this only explains). */
export type RedeemBlock =
  | { reason: "upcoming"; startsAt: number; now: number }
  | { reason: "ended" }
  | { reason: "sold_out" }
  | { reason: "tier"; tiers: string }
  | { reason: "points"; balance: number };

/** The redeem form of one item for a member (README contract: id, key, _csrf, qty, address fields). */
export type RedeemFormView = {
  itemId: number;
  itemType: ItemType;
  points: number;
  cashFen: number;
  /** idempotency key, fresh per render */
  key: string;
  csrf: string;
  block: RedeemBlock | null;
  /** the live sale's end (the area refreshes itself then); null when not a live sale */
  liveUntil: { endsAt: number; now: number } | null;
  /** physical items only */
  address: AddressStepView | null;
  /** "flash": rendered on /flash (the form's id carries the item id, several forms share the page) */
  place: "item" | "flash";
};

export const redeemAreaId = (itemId: number) => `redeem-area-${itemId}`;
export const redeemResultId = (itemId: number) => `redeem-result-${itemId}`;
export const redeemKeyId = (itemId: number) => `redeem-key-${itemId}`;
/** README contract: the item page's form is #redeem-form; on /flash (several forms) it carries the item id. */
export const redeemFormId = (itemId: number, place: RedeemFormView["place"]) =>
  place === "flash" ? `redeem-form-${itemId}` : "redeem-form";
export const redeemPath = (itemId: number) => `/items/${itemId}/redeem`;
/** GET: the area alone (htmx refreshes it when a sale opens or closes). */
export const redeemAreaPath = (itemId: number, place: RedeemFormView["place"]) =>
  `/items/${itemId}/redeem${place === "flash" ? "?in=flash" : ""}`;

/** The idempotency key input; a refusal sends a fresh one out of band so a retry is a new attempt. */
export function RedeemKey({ itemId, value, oob }: { itemId: number; value: string; oob?: boolean }) {
  return (
    <input type="hidden" id={redeemKeyId(itemId)} name="key" value={value} hx-swap-oob={oob ? "true" : undefined} />
  );
}

function blockLabel(block: RedeemBlock): string {
  switch (block.reason) {
    case "upcoming":
      return t("redeem.wait");
    case "ended":
      return t("redeem.ended");
    case "sold_out":
      return t("redeem.soldOut");
    case "tier":
      return t("redeem.tierOnly", { tiers: block.tiers });
    case "points":
      return t("redeem.notEnough");
  }
}

function BlockHint({ block, points }: { block: RedeemBlock; points: number }) {
  if (block.reason === "upcoming") {
    return (
      <p class="redeem__hint" data-countdown-to={block.startsAt} data-countdown-now={block.now}>
        {t("flash.startsIn")}{" "}
        <span class="flash__clock" data-clock="">
          {formatCountdown(block.startsAt - block.now)}
        </span>
        <span class="redeem__sub">{t("redeem.upcomingHint")}</span>
      </p>
    );
  }
  if (block.reason === "points") {
    return (
      <p class="redeem__hint">{t("redeem.notEnoughHint", { balance: block.balance, short: points - block.balance })}</p>
    );
  }
  return null;
}

const CONTAINER_ATTRS = (itemId: number, place: RedeemFormView["place"]) => ({
  id: redeemAreaId(itemId),
  class: "redeem",
  "hx-get": redeemAreaPath(itemId, place),
  // mall.js fires countdown-done when a clock inside reaches zero: the sale opened or closed
  "hx-trigger": "countdown-done",
  "hx-swap": "outerHTML",
});

export type RedeemAreaProps = {
  itemId: number;
  /** null: a guest (shown how to log in instead of the form) */
  form: RedeemFormView | null;
};

/**
 * The redeem form (README contract) and its result slot. Works without JS (a plain POST answered with a
 * whole page); with htmx the answer lands in the result slot, a 422 replaces the address step, success
 * replaces the whole area (HX-Retarget), and the button is disabled while the request runs.
 */
export function RedeemArea({ itemId, form }: RedeemAreaProps) {
  if (!form) {
    return (
      <section id={redeemAreaId(itemId)} class="redeem">
        <LoginPrompt />
      </section>
    );
  }
  const resultId = redeemResultId(itemId);
  const price = formatPointsPrice(form.points, form.cashFen);
  const block = form.block;
  const statusRouting = { "hx-status:422": `target:#${addressStepId(itemId)} swap:outerHTML` };
  return (
    <section {...CONTAINER_ATTRS(itemId, form.place)} aria-label={t("redeem.heading")}>
      {form.liveUntil && (
        <span hidden data-countdown-to={form.liveUntil.endsAt} data-countdown-now={form.liveUntil.now} />
      )}
      <PostForm
        csrf={form.csrf}
        id={redeemFormId(itemId, form.place)}
        class="redeem__form"
        method="post"
        action={redeemPath(itemId)}
        hx-post={redeemPath(itemId)}
        hx-target={`#${resultId}`}
        hx-swap="innerHTML"
        hx-disable="find button"
        {...statusRouting}
      >
        <RedeemKey itemId={itemId} value={form.key} />
        <input type="hidden" name="qty" value="1" />
        {form.address && <AddressStep itemId={itemId} step={form.address} />}
        <div id={resultId} class="redeem__result" aria-live="polite"></div>
        <button class="btn btn--block redeem__btn" type="submit" disabled={block !== null} data-redeem-button="">
          {block ? blockLabel(block) : t("redeem.confirm", { price })}
        </button>
        {block && <BlockHint block={block} points={form.points} />}
      </PostForm>
    </section>
  );
}
