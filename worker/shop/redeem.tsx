// POST /items/{id}/redeem — the shopper's redemption (worker/redeem/README.md, "the shopper's redeem form").
// htmx gets a fragment: success replaces the redeem area (HX-Retarget) with the order number and coupon
// codes and updates the header's balance out of band; a refusal lands in the form's result slot with its
// data-error-code and a fresh key; an address problem is a 422 that replaces the address step. Without
// htmx the answer is a whole page. The redemption itself (stock hold → wallet spend → confirm) is redeem().
import type { Context } from "hono";
import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { items } from "../../db/schema";
import { AddressStep } from "../../views/components/address-step";
import { BalanceBadge } from "../../views/components/balance-badge";
import { MemberBar } from "../../views/components/member-bar";
import { RedeemArea, redeemAreaId } from "../../views/components/redeem-area";
import { RedeemRefusal, RedeemSuccess } from "../../views/components/redeem-result";
import { t } from "../../views/i18n";
import { ItemPage } from "../../views/pages/item-page";
import { RedeemResultPage } from "../../views/pages/redeem-result-page";
import type { AddressStepView } from "../../views/components/address-step";
import type { RedeemOutcomeView } from "../../views/components/redeem-result";
import { getAddress, listAddresses, rememberAddress, toDelivery } from "../addresses/addresses";
import { addressBlank, parseAddress } from "../addresses/schema";
import type { AppEnv } from "../app-env";
import { loadItemPageData } from "../catalog/item-page-data";
import { initialAddressStep } from "../catalog/redeem-view";
import { AppError } from "../errors";
import { csrfToken } from "../identity/csrf";
import type { Session } from "../identity/session";
import { memberBarView } from "../member/member-bar";
import { duibaBalance, duibaModeOn } from "../duiba/balance";
import { redeemInMode as redeemItem } from "../duiba/redeem-deps";
import type { DeliveryAddress } from "../../domain";
import type { RedeemErrorCode } from "../redeem/types";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { loadSettings, walletRules, type MallSettings } from "../settings/load-settings";
import { walletFor } from "../wallet/wallet-stub";
import { itemIdOf } from "./params";
import { requireMember } from "./require-member";

/** HTTP status of each refusal (README: 409 for the business refusals). */
export const REDEEM_STATUS: Record<RedeemErrorCode, 403 | 404 | 409 | 422> = {
  SOLD_OUT: 409,
  LIMIT_REACHED: 409,
  NOT_ON_SALE: 409,
  TIER_NOT_ALLOWED: 409,
  INSUFFICIENT_POINTS: 409,
  ABORTED: 409,
  KEY_REUSED: 409,
  DUIBA_REFUSED: 409,
  ITEM_NOT_FOUND: 404,
  ADDRESS_REQUIRED: 422,
  MEMBER_BLOCKED: 403,
};

/** The form's key is the UUID the page rendered (worker/catalog/redeem-view.ts), compared in lower case: never
 *  a ref of another operation (signup_bonus, checkin:…, an earn ref), whatever is posted. */
export const RedeemKey = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((k) => k.toLowerCase());

export const RedeemForm = z.object({
  qty: z
    .string()
    .regex(/^[1-9][0-9]?$/)
    .optional(),
  addressId: z
    .string()
    .regex(/^(new|[1-9][0-9]{0,9})$/)
    .optional(),
});

type Ctx = Context<AppEnv>;

/** A refusal as the shopper reads it. */
export function refusalText(
  code: RedeemErrorCode | "ADDRESS_NOT_FOUND" | "BAD_REQUEST",
  extra?: { balance: number; points: number },
): string {
  switch (code) {
    case "INSUFFICIENT_POINTS":
      return extra ? t("redeem.error.INSUFFICIENT_POINTS", extra) : t("redeem.error.INSUFFICIENT_POINTS_PLAIN");
    default:
      return t(`redeem.error.${code}`);
  }
}

async function memberHeader(c: Ctx, settings: MallSettings, session: Session, now: number) {
  const [own, csrf, credits] = await Promise.all([
    walletFor(c.env, session.uid).summary({ uid: session.uid, now, rules: walletRules(settings) }),
    csrfToken(c.env.SESSION_SECRET, session),
    duibaBalance(c.env, c.var.db, session.uid),
  ]);
  // Duiba mode: the balance is the merchant's credits (as its 扣积分 answer just said).
  const summary = credits === null ? own : { ...own, balance: credits };
  return { summary, header: <MemberBar bar={memberBarView(summary, csrf, undefined, c.var.session?.unread)} /> };
}

/** A 422 about the address: the step re-rendered with its errors (htmx), or the whole item page. */
async function addressProblem(
  c: Ctx,
  session: Session,
  itemId: number,
  step: Omit<AddressStepView, "saved">,
): Promise<Response> {
  const now = Date.now();
  if (isHtmx(c.req.raw)) {
    const saved = await listAddresses(c.var.db, session.uid);
    return fragmentResponse(<AddressStep itemId={itemId} step={{ ...step, saved }} />, 422);
  }
  const data = await loadItemPageData(c.env, c.var.db, session, itemId, now, { step: { ...step, saved: [] } });
  if (!data) throw new AppError("ITEM_NOT_FOUND");
  const action = <RedeemArea itemId={itemId} form={data.form} />;
  return pageResponse(
    <ItemPage mall={data.mall} item={data.item} action={action} headerExtra={<MemberBar bar={data.bar} />} />,
    data.mall.brandColor,
    422,
  );
}

export const redeem = new Hono<AppEnv>().post("/items/:id/redeem", requireMember, async (c) => {
  const itemId = itemIdOf(c.req.param("id"));
  const htmx = isHtmx(c.req.raw);
  const session = c.var.member;
  const body = await c.req.parseBody();
  const parsedKey = RedeemKey.safeParse(body.key);
  if (!parsedKey.success) throw new AppError("VALIDATION_FAILED", t("redeem.error.BAD_KEY"));
  const key = parsedKey.data;
  const form = RedeemForm.safeParse(body);
  if (!form.success) throw new AppError("BAD_REQUEST", t("redeem.error.BAD_REQUEST"));
  const { addressId } = form.data;
  const qty = Number(form.data.qty ?? "1");

  // The delivery address: a saved one (only the member's own), or the inline fields (validated here).
  let address: DeliveryAddress | null = null;
  let inline = false;
  if (addressId && addressId !== "new") {
    const saved = await getAddress(c.var.db, session.uid, Number(addressId));
    if (!saved) {
      return addressProblem(c, session, itemId, {
        ...initialAddressStep([]),
        choice: "new",
        error: { code: "ADDRESS_NOT_FOUND", message: refusalText("ADDRESS_NOT_FOUND") },
      });
    }
    address = toDelivery(saved);
  } else if (!addressBlank(body)) {
    const parsed = parseAddress(body);
    if (!parsed.ok) {
      return addressProblem(c, session, itemId, {
        choice: "new",
        values: parsed.values,
        errors: parsed.errors,
        error: { code: "VALIDATION_FAILED", message: t("address.fixErrors") },
      });
    }
    address = parsed.value;
    inline = true;
  }

  const now = Date.now();
  const result = await redeemItem(c.env, c.var.db, { uid: session.uid, itemId, qty, key, address, now });

  if (result.ok) {
    // htmx in native mode: the balance the spend left is the badge's (one wallet call fewer per success); Duiba
    // mode shows the merchant's credits, and a whole page needs the header, so those read them as before.
    if (htmx && result.balance !== undefined && !(await duibaModeOn(c.var.db))) {
      if (inline && address) await rememberAddress(c.var.db, session.uid, address, now);
      return fragmentResponse(
        <>
          <RedeemSuccess order={result.order} balance={result.balance} asArea />
          <BalanceBadge balance={result.balance} oob />
        </>,
        200,
        { "HX-Retarget": `#${redeemAreaId(itemId)}`, "HX-Reswap": "outerHTML" },
      );
    }
    const settings = await loadSettings(c.var.db);
    const [{ summary, header }] = await Promise.all([
      memberHeader(c, settings, session, now),
      inline && address ? rememberAddress(c.var.db, session.uid, address, now) : Promise.resolve(),
    ]);
    const outcome: RedeemOutcomeView = { ok: true, order: result.order, balance: summary.balance };
    if (htmx) {
      return fragmentResponse(
        <>
          <RedeemSuccess order={result.order} balance={summary.balance} asArea />
          <BalanceBadge balance={summary.balance} oob />
        </>,
        200,
        { "HX-Retarget": `#${redeemAreaId(itemId)}`, "HX-Reswap": "outerHTML" },
      );
    }
    return pageResponse(
      <RedeemResultPage mall={settings.mall} itemId={itemId} outcome={outcome} headerExtra={header} />,
      settings.mall.brandColor,
    );
  }

  if (result.code === "ADDRESS_REQUIRED") {
    return addressProblem(c, session, itemId, {
      ...initialAddressStep([]),
      choice: "new",
      error: { code: "ADDRESS_REQUIRED", message: refusalText("ADDRESS_REQUIRED") },
    });
  }

  const status = REDEEM_STATUS[result.code] ?? 409;
  let message = refusalText(result.code);
  // The cheap path (htmx, e.g. SOLD_OUT during a flash sale) reads nothing more. Not enough points says how
  // many the member has and how many it takes; a whole page needs the mall and the header.
  if (htmx && result.code !== "INSUFFICIENT_POINTS") {
    return fragmentResponse(
      <RedeemRefusal itemId={itemId} code={result.code} message={message} freshKey={crypto.randomUUID()} />,
      status,
    );
  }
  const settings = await loadSettings(c.var.db);
  const [member, [item]] = await Promise.all([
    memberHeader(c, settings, session, now),
    c.var.db.select({ points: items.points }).from(items).where(eq(items.id, itemId)).limit(1),
  ]);
  if (result.code === "INSUFFICIENT_POINTS" && item)
    message = refusalText(result.code, { balance: member.summary.balance, points: item.points * qty });
  if (htmx) {
    return fragmentResponse(
      <RedeemRefusal itemId={itemId} code={result.code} message={message} freshKey={crypto.randomUUID()} />,
      status,
    );
  }
  const outcome: RedeemOutcomeView = { ok: false, code: result.code, message };
  return pageResponse(
    <RedeemResultPage mall={settings.mall} itemId={itemId} outcome={outcome} headerExtra={member.header} />,
    settings.mall.brandColor,
    status,
  );
});
