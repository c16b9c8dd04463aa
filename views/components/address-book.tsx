import { t } from "../i18n";
import type { DeliveryAddress, SavedAddress } from "../../domain";
import type { AddressErrors } from "./address-fields";
import { AddressFields, EMPTY_ADDRESS } from "./address-fields";
import { AddressLines } from "./address-step";
import { PostForm } from "./post-form";

export const ADDRESS_BOOK_ID = "address-book";
export const ADDRESS_FORM_FIELDS_ID = "address-form-fields";

/** A small POST form (CSRF) that acts on one address: set default / delete. */
function RowAction({
  action,
  csrf,
  label,
  kind,
}: {
  action: string;
  csrf: string;
  label: string;
  kind: "default" | "delete";
}) {
  return (
    <PostForm
      csrf={csrf}
      class="addr-row__form"
      method="post"
      action={action}
      hx-post={action}
      hx-target={`#${ADDRESS_BOOK_ID}`}
      hx-swap="outerHTML"
      hx-disable="find button"
    >
      <button class={kind === "delete" ? "link link--danger" : "link"} type="submit" data-action={kind}>
        {label}
      </button>
    </PostForm>
  );
}

export type AddressFormProps = {
  csrf: string;
  /** where it posts: /me/addresses (add) or /me/addresses/{id} (edit) */
  action: string;
  values: DeliveryAddress;
  errors: AddressErrors;
  makeDefault: boolean;
  /** a problem with the form as a whole (e.g. the book is full) */
  error?: string;
  /** the add form swaps the whole book on success; the edit form navigates back (HX-Redirect) */
  target: string;
  submitLabel: string;
};

/** The fields of the add/edit form; a 422 answer replaces just this (errors next to the fields). */
export function AddressFormFields({
  values,
  errors,
  makeDefault,
  error,
}: Pick<AddressFormProps, "values" | "errors" | "makeDefault" | "error">) {
  return (
    <div id={ADDRESS_FORM_FIELDS_ID}>
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
      <AddressFields idPrefix="addr-form" values={values} errors={errors} />
      <label class="check">
        <input type="checkbox" name="makeDefault" value="1" checked={makeDefault} /> {t("address.makeDefault")}
      </label>
    </div>
  );
}

export function AddressForm(p: AddressFormProps) {
  return (
    <PostForm
      csrf={p.csrf}
      class="addr-form"
      method="post"
      action={p.action}
      hx-post={p.action}
      hx-target={p.target}
      hx-swap="outerHTML"
      hx-disable="find button"
      {...{ "hx-status:422": `target:#${ADDRESS_FORM_FIELDS_ID} swap:outerHTML` }}
    >
      <AddressFormFields values={p.values} errors={p.errors} makeDefault={p.makeDefault} error={p.error} />
      <button class="btn btn--block" type="submit">
        {p.submitLabel}
      </button>
    </PostForm>
  );
}

export type AddressBookProps = {
  addresses: SavedAddress[];
  csrf: string;
  /** what the last action did (shown above the list) */
  notice?: string;
  /** the add form as last posted (422 without JS) */
  draft?: { values: DeliveryAddress; errors: AddressErrors; makeDefault: boolean; error?: string };
};

/** 收货地址: the saved addresses (default first) with 编辑 / 设为默认 / 删除, and the add form. */
export function AddressBook({ addresses, csrf, notice, draft }: AddressBookProps) {
  return (
    <div id={ADDRESS_BOOK_ID} class="addr-book">
      {notice && (
        <p class="toast" role="status">
          {notice}
        </p>
      )}
      <section class="panel" aria-labelledby="addr-list-title">
        <h2 id="addr-list-title" class="panel__title">
          {t("address.title")}
        </h2>
        {addresses.length ? (
          <ul class="plain addr-list">
            {addresses.map((a) => (
              <li class="addr-row" key={a.id} data-address-id={a.id} data-default={a.isDefault ? "true" : undefined}>
                <p class="addr">
                  <AddressLines address={a} />
                </p>
                <div class="addr-row__actions">
                  {a.isDefault ? (
                    <span class="badge badge--brand">{t("address.default")}</span>
                  ) : (
                    <RowAction
                      action={`/me/addresses/${a.id}/default`}
                      csrf={csrf}
                      label={t("address.setDefault")}
                      kind="default"
                    />
                  )}
                  <a class="link" href={`/me/addresses/${a.id}/edit`}>
                    {t("address.edit")}
                  </a>
                  <RowAction
                    action={`/me/addresses/${a.id}/delete`}
                    csrf={csrf}
                    label={t("address.delete")}
                    kind="delete"
                  />
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t("address.empty")}</p>
        )}
      </section>
      <section class="panel" aria-labelledby="addr-add-title">
        <h2 id="addr-add-title" class="panel__title">
          {t("address.add")}
        </h2>
        <AddressForm
          csrf={csrf}
          action="/me/addresses"
          target={`#${ADDRESS_BOOK_ID}`}
          values={draft?.values ?? EMPTY_ADDRESS}
          errors={draft?.errors ?? {}}
          makeDefault={draft?.makeDefault ?? addresses.length === 0}
          error={draft?.error}
          submitLabel={t("address.save")}
        />
      </section>
    </div>
  );
}
