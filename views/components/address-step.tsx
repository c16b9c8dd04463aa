import { t } from "../i18n";
import type { DeliveryAddress, SavedAddress } from "../../domain";
import { AddressFields } from "./address-fields";
import type { AddressErrors } from "./address-fields";

/** The physical item's address step, as first shown or re-rendered with errors (422). */
export type AddressStepView = {
  saved: SavedAddress[];
  /** "new", or the id of the chosen saved address */
  choice: string;
  values: DeliveryAddress;
  errors: AddressErrors;
  /** a problem with the step as a whole (nothing chosen, address gone) */
  error?: { code: string; message: string };
};

export type AddressStepProps = { itemId: number; step: AddressStepView };

/** id of the step; a 422 answer to the redeem form replaces it (hx-status:422). */
export const addressStepId = (itemId: number) => `address-fields-${itemId}`;

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

export function AddressLines({
  address,
}: {
  address: Pick<SavedAddress, "recipient" | "phone" | "region" | "detail">;
}) {
  return (
    <>
      <span class="addr__who">
        {address.recipient} <span class="addr__phone">{maskPhone(address.phone)}</span>
      </span>
      <span class="addr__where">
        {address.region} {address.detail}
      </span>
    </>
  );
}

/**
 * The physical item's address step inside the redeem form: the saved addresses as radios (the default
 * preselected) plus 使用新地址 with the inline fields; with no saved address, just the fields.
 * Posts `addressId` (a saved id or "new") and recipient/phone/region/detail.
 */
export function AddressStep({ itemId, step }: AddressStepProps) {
  const id = addressStepId(itemId);
  const hasSaved = step.saved.length > 0;
  return (
    <fieldset id={id} class={hasSaved ? "addr-step addr-step--saved" : "addr-step"}>
      <legend class="addr-step__title">{t("address.step")}</legend>
      {step.error && (
        <p class="field__error addr-step__error" role="alert" data-error-code={step.error.code}>
          {step.error.message}
        </p>
      )}
      {hasSaved && (
        <ul class="plain addr-opts">
          {step.saved.map((a) => (
            <li key={a.id}>
              <label class="addr-opt">
                <input type="radio" name="addressId" value={String(a.id)} checked={step.choice === String(a.id)} />
                <span class="addr">
                  <AddressLines address={a} />
                </span>
                {a.isDefault && <span class="badge">{t("address.default")}</span>}
              </label>
            </li>
          ))}
          <li>
            <label class="addr-opt">
              <input type="radio" name="addressId" value="new" checked={step.choice === "new"} />
              <span class="addr">{t("address.useNew")}</span>
            </label>
          </li>
        </ul>
      )}
      <div class="addr-new">
        {!hasSaved && <input type="hidden" name="addressId" value="new" />}
        <AddressFields idPrefix={`addr-${itemId}`} values={step.values} errors={step.errors} />
        <p class="hint">{t("address.newHint")}</p>
      </div>
      <p class="hint">
        <a class="link" href="/me/addresses">
          {t("address.manage")}
        </a>
      </p>
    </fieldset>
  );
}
