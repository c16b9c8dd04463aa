// A shipment's carrier and tracking number as the console takes them (the ship form and each row of a batch):
// the same rules as the Merchant API's ShipBody.
import { z } from "zod";
import { t } from "../../../views/i18n";

export const ShipFields = z.object({
  carrier: z.string().trim().min(1, t("admin.orders.ship.carrierRequired")).max(40, t("admin.orders.ship.carrierTooLong")),
  trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, t("admin.orders.ship.trackingInvalid")),
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
  reason: z.string().trim().min(1, t("admin.orders.cancel.reasonRequired")).max(200, t("admin.orders.cancel.reasonTooLong")),
});
