import { t } from "../i18n";
import type { DeliveryAddress } from "../../domain";

/** One message per invalid field, shown next to it. */
export type AddressErrors = Partial<Record<keyof DeliveryAddress, string>>;

export type AddressFieldsProps = {
  /** prefix of the inputs' ids (unique on the page) */
  idPrefix: string;
  values: DeliveryAddress;
  errors: AddressErrors;
};

export const EMPTY_ADDRESS: DeliveryAddress = { recipient: "", phone: "", region: "", detail: "" };

type FieldSpec = {
  name: keyof DeliveryAddress;
  label: "address.recipient" | "address.phone" | "address.region" | "address.detail";
  placeholder: "address.recipientPh" | "address.phonePh" | "address.regionPh" | "address.detailPh";
  autocomplete: string;
  maxLength: number;
  type?: "tel";
};

const FIELDS: FieldSpec[] = [
  {
    name: "recipient",
    label: "address.recipient",
    placeholder: "address.recipientPh",
    autocomplete: "shipping name",
    maxLength: 20,
  },
  {
    name: "phone",
    label: "address.phone",
    placeholder: "address.phonePh",
    autocomplete: "shipping tel-national",
    maxLength: 13,
    type: "tel",
  },
  {
    name: "region",
    label: "address.region",
    placeholder: "address.regionPh",
    autocomplete: "shipping address-level1",
    maxLength: 40,
  },
  {
    name: "detail",
    label: "address.detail",
    placeholder: "address.detailPh",
    autocomplete: "shipping street-address",
    maxLength: 100,
  },
];

/**
 * The four address inputs (收货人, 手机号, 所在地区, 详细地址), each with its error right below it. The server
 * validates (zod); no `required` here, so the server's messages are the ones shown, in place.
 */
export function AddressFields({ idPrefix, values, errors }: AddressFieldsProps) {
  return (
    <div class="fields">
      {FIELDS.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const error = errors[f.name];
        return (
          <div class={error ? "field field--error" : "field"} key={f.name}>
            <label class="field__label" for={id}>
              {t(f.label)}
            </label>
            <input
              class="field__input"
              id={id}
              name={f.name}
              type={f.type ?? "text"}
              inputmode={f.type === "tel" ? "numeric" : undefined}
              value={values[f.name]}
              placeholder={t(f.placeholder)}
              autocomplete={f.autocomplete}
              maxLength={f.maxLength}
              aria-invalid={error ? "true" : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            />
            {error && (
              <p id={`${id}-error`} class="field__error" data-field-error={f.name}>
                {error}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
