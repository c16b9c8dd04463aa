// A delivery address: as typed into a form, as an order carries it, and as the member's address book keeps it.

export type DeliveryAddress = { recipient: string; phone: string; region: string; detail: string };

/** A saved address of the member. */
export type SavedAddress = DeliveryAddress & { id: number; isDefault: boolean };
