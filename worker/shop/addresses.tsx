// 收货地址 (/me/addresses): list, add, edit, set default, delete — always scoped to the session's uid (another
// member's address id is simply not found). Every POST checks CSRF. With htmx an action swaps the address
// book (or, on a 422, just the form's fields with the errors next to them); without JS it redirects back
// (303) or answers the whole page with the errors.
import type { Context } from "hono";
import { Hono } from "hono";
import { AddressBook, AddressFormFields, type AddressBookProps } from "../../views/components/address-book";
import { MemberBar } from "../../views/components/member-bar";
import { t } from "../../views/i18n";
import { AddressEditPage, AddressesPage } from "../../views/pages/addresses-page";
import type { AddressErrors } from "../../views/components/address-fields";
import type { DeliveryAddress } from "../../domain";
import {
  addAddress,
  deleteAddress,
  getAddress,
  listAddresses,
  setDefaultAddress,
  updateAddress,
} from "../addresses/addresses";
import { MAX_ADDRESSES, parseAddress } from "../addresses/schema";
import type { AppEnv } from "../app-env";
import { AppError } from "../errors";
import { csrfToken } from "../identity/csrf";
import type { Session } from "../identity/session";
import { loadMemberBar } from "../member/member-bar";
import { fragmentResponse, pageResponse } from "../render";
import { isHtmx } from "../request-kind";
import { loadSettings, walletRules } from "../settings/load-settings";
import { addressIdOf } from "./params";
import { requireMember } from "./require-member";

type Ctx = Context<AppEnv>;

const BOOK = "/me/addresses";

async function bookPage(
  c: Ctx,
  session: Session,
  book: Omit<AddressBookProps, "addresses" | "csrf">,
  status: 200 | 422 = 200,
): Promise<Response> {
  const now = Date.now();
  const settings = await loadSettings(c.var.db);
  const [{ bar }, addresses] = await Promise.all([
    loadMemberBar(c.env, session, walletRules(settings), now),
    listAddresses(c.var.db, session.uid),
  ]);
  const csrf = bar.kind === "member" ? bar.csrf : "";
  return pageResponse(
    <AddressesPage mall={settings.mall} book={{ ...book, addresses, csrf }} headerExtra={<MemberBar bar={bar} />} />,
    settings.mall.brandColor,
    status,
  );
}

/** After an action: htmx gets the refreshed book with what happened; a browser goes back to the list. */
async function afterAction(c: Ctx, session: Session, notice: string): Promise<Response> {
  if (!isHtmx(c.req.raw)) return c.redirect(BOOK, 303);
  const [addresses, csrf] = await Promise.all([
    listAddresses(c.var.db, session.uid),
    csrfToken(c.env.SESSION_SECRET, session),
  ]);
  return fragmentResponse(<AddressBook addresses={addresses} csrf={csrf} notice={notice} />);
}

function fieldsFragment(
  values: DeliveryAddress,
  errors: AddressErrors,
  makeDefault: boolean,
  error?: string,
): Response {
  return fragmentResponse(
    <AddressFormFields
      values={values}
      errors={errors}
      makeDefault={makeDefault}
      error={error ?? t("address.fixErrors")}
    />,
    422,
  );
}

export const addressRoutes = new Hono<AppEnv>()
  .get(BOOK, requireMember, async (c) => {
    const session = c.var.member;
    return bookPage(c, session, {});
  })

  .post(BOOK, requireMember, async (c) => {
    const session = c.var.member;
    const body = await c.req.parseBody();
    const makeDefault = body.makeDefault === "1";
    const parsed = parseAddress(body);
    if (!parsed.ok) {
      if (isHtmx(c.req.raw)) return fieldsFragment(parsed.values, parsed.errors, makeDefault);
      return bookPage(
        c,
        session,
        { draft: { values: parsed.values, errors: parsed.errors, makeDefault, error: t("address.fixErrors") } },
        422,
      );
    }
    const added = await addAddress(c.var.db, session.uid, parsed.value, makeDefault, Date.now());
    if (added === "FULL") {
      const error = t("address.full", { max: MAX_ADDRESSES });
      if (isHtmx(c.req.raw)) return fieldsFragment(parsed.value, {}, makeDefault, error);
      return bookPage(c, session, { draft: { values: parsed.value, errors: {}, makeDefault, error } }, 422);
    }
    return afterAction(c, session, t("address.added"));
  })

  .get(`${BOOK}/:id/edit`, requireMember, async (c) => {
    const session = c.var.member;
    const id = addressIdOf(c.req.param("id"));
    const now = Date.now();
    const settings = await loadSettings(c.var.db);
    const [address, { bar }] = await Promise.all([
      getAddress(c.var.db, session.uid, id),
      loadMemberBar(c.env, session, walletRules(settings), now),
    ]);
    if (!address || bar.kind !== "member") throw new AppError("NOT_FOUND");
    return pageResponse(
      <AddressEditPage
        mall={settings.mall}
        id={id}
        csrf={bar.csrf}
        values={address}
        errors={{}}
        makeDefault={address.isDefault}
        headerExtra={<MemberBar bar={bar} />}
      />,
      settings.mall.brandColor,
    );
  })

  .post(`${BOOK}/:id`, requireMember, async (c) => {
    const session = c.var.member;
    const body = await c.req.parseBody();
    const id = addressIdOf(c.req.param("id"));
    const makeDefault = body.makeDefault === "1";
    const parsed = parseAddress(body);
    if (!parsed.ok) {
      if (isHtmx(c.req.raw)) return fieldsFragment(parsed.values, parsed.errors, makeDefault);
      const settings = await loadSettings(c.var.db);
      const { bar } = await loadMemberBar(c.env, session, walletRules(settings), Date.now());
      const csrf = bar.kind === "member" ? bar.csrf : "";
      return pageResponse(
        <AddressEditPage
          mall={settings.mall}
          id={id}
          csrf={csrf}
          values={parsed.values}
          errors={parsed.errors}
          makeDefault={makeDefault}
          headerExtra={<MemberBar bar={bar} />}
        />,
        settings.mall.brandColor,
        422,
      );
    }
    if (!(await updateAddress(c.var.db, session.uid, id, parsed.value, makeDefault)))
      throw new AppError("NOT_FOUND", t("address.notFound"));
    // htmx: the edit page navigates back to the book
    if (isHtmx(c.req.raw))
      return new Response(null, { status: 200, headers: { "HX-Redirect": BOOK, "Cache-Control": "no-store" } });
    return c.redirect(BOOK, 303);
  })

  .post(`${BOOK}/:id/default`, requireMember, async (c) => {
    const session = c.var.member;
    const id = addressIdOf(c.req.param("id"));
    if (!(await setDefaultAddress(c.var.db, session.uid, id))) throw new AppError("NOT_FOUND", t("address.notFound"));
    return afterAction(c, session, t("address.defaultSet"));
  })

  .post(`${BOOK}/:id/delete`, requireMember, async (c) => {
    const session = c.var.member;
    const id = addressIdOf(c.req.param("id"));
    if (!(await deleteAddress(c.var.db, session.uid, id))) throw new AppError("NOT_FOUND", t("address.notFound"));
    return afterAction(c, session, t("address.deleted"));
  });
