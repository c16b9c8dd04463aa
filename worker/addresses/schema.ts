// A delivery address as members type it (the address book and the redeem form's inline step): zod at the
// edge, with one message per field so each error can sit next to its field.
import { z } from "zod";
import { text } from "../text-rule";
import { lazy } from "../../views/i18n";
import type { AddressErrors } from "../../views/components/address-fields";
import type { DeliveryAddress } from "../../domain";

/** Mainland China mobile numbers: 11 digits starting 13–19. */
export const MOBILE = /^1[3-9]\d{9}$/;

export const ADDRESS_FIELDS = ["recipient", "phone", "region", "detail"] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];

/** Most addresses one member may keep. */
export const MAX_ADDRESSES = 20;

/** The mall's text rule (worker/text-rule.ts), runs of white space as one space, one message per field. */
const line = (
  min: number,
  max: number,
  key: "address.error.recipient" | "address.error.region" | "address.error.detail",
) =>
  text({
    min,
    max,
    collapseSpaces: true,
    messages: {
      type: lazy(key),
      required: lazy(key),
      tooShort: lazy(key),
      tooLong: lazy("address.error.tooLong", { max }),
    },
  });

export const AddressInput = z.object({
  recipient: line(1, 20, "address.error.recipient"),
  phone: z
    .string({ error: lazy("address.error.phone") })
    .transform((s) => s.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(MOBILE, { error: lazy("address.error.phone") })),
  region: line(2, 40, "address.error.region"),
  detail: line(4, 100, "address.error.detail"),
});

export type AddressInput = z.infer<typeof AddressInput>;

export type AddressParse =
  | { ok: true; value: AddressInput }
  | { ok: false; values: DeliveryAddress; errors: AddressErrors };

function str(v: unknown): string {
  return typeof v === "string" ? v.slice(0, 200) : "";
}

/** The four fields of a posted form, as typed (for re-rendering the form with its errors). */
export function addressValues(form: Record<string, unknown>): DeliveryAddress {
  return { recipient: str(form.recipient), phone: str(form.phone), region: str(form.region), detail: str(form.detail) };
}

/** True when none of the four fields was filled in. */
export function addressBlank(form: Record<string, unknown>): boolean {
  return ADDRESS_FIELDS.every((f) => str(form[f]).trim() === "");
}

export function parseAddress(form: Record<string, unknown>): AddressParse {
  const values = addressValues(form);
  const result = AddressInput.safeParse(values);
  if (result.success) return { ok: true, value: result.data };
  const errors: AddressErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as AddressField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return { ok: false, values, errors };
}
