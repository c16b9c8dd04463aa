// A shipment's carrier and tracking number as the console takes them (the ship form and each row of a batch):
// the same rules as the Merchant API's ShipBody.
import { z } from "zod";
import { text } from "../../text-rule";
import { lazy } from "../../../views/i18n";

export const ShipFields = z.object({
  carrier: text({
    max: 40,
    messages: {
      required: lazy("admin.orders.ship.carrierRequired"),
      tooLong: lazy("admin.orders.ship.carrierTooLong"),
    },
  }),
  trackingNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,40}$/, { error: lazy("admin.orders.ship.trackingInvalid") }),
});

export type ShipFieldErrors = { carrier?: string; trackingNo?: string };

/** The message of each invalid field (the first per field). */
export function shipFieldErrors(e: z.ZodError): ShipFieldErrors {
  const out: ShipFieldErrors = {};
  for (const i of e.issues) {
    const k = i.path[0];
    if ((k === "carrier" || k === "trackingNo") && !out[k]) out[k] = i.message;
  }
  return out;
}

export const OrderIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

export const CancelFields = z.object({
  reason: text({
    max: 200,
    messages: {
      required: lazy("admin.orders.cancel.reasonRequired"),
      tooLong: lazy("admin.orders.cancel.reasonTooLong"),
    },
  }),
});
