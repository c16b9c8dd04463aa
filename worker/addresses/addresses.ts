// The member's address book in Turso (`addresses`). Every query is scoped to the session's uid: an id alone
// never reaches another member's row. At most one default per member, kept by single statements (no
// interactive transactions): each write is one statement or one write batch.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { addresses } from "../../db/schema";
import type { DeliveryAddress, SavedAddress } from "../../domain";
import { MAX_ADDRESSES, type AddressInput } from "./schema";

const columns = {
  id: addresses.id,
  recipient: addresses.recipient,
  phone: addresses.phone,
  region: addresses.region,
  detail: addresses.detail,
  isDefault: addresses.isDefault,
};

/** Default first, then newest. */
export function addressListQuery(db: Db, uid: string) {
  return db
    .select(columns)
    .from(addresses)
    .where(eq(addresses.uid, uid))
    .orderBy(desc(addresses.isDefault), desc(addresses.id))
    .limit(MAX_ADDRESSES);
}

export function listAddresses(db: Db, uid: string): Promise<SavedAddress[]> {
  return addressListQuery(db, uid);
}

export async function getAddress(db: Db, uid: string, id: number): Promise<SavedAddress | null> {
  const [row] = await db
    .select(columns)
    .from(addresses)
    .where(and(eq(addresses.uid, uid), eq(addresses.id, id)))
    .limit(1);
  return row ?? null;
}

export function toDelivery(a: Pick<SavedAddress, "recipient" | "phone" | "region" | "detail">): DeliveryAddress {
  return { recipient: a.recipient, phone: a.phone, region: a.region, detail: a.detail };
}

const HAS_ROOM = `(SELECT count(*) FROM addresses WHERE uid = ?) < ${MAX_ADDRESSES}`;
const NO_DEFAULT = `NOT EXISTS (SELECT 1 FROM addresses WHERE uid = ? AND is_default = 1)`;

/**
 * Adds an address. It becomes the default when asked, or when the member has none yet.
 * Answers "FULL" (nothing written) when the member already keeps MAX_ADDRESSES.
 */
export async function addAddress(
  db: Db,
  uid: string,
  a: AddressInput,
  makeDefault: boolean,
  now: number,
): Promise<"ADDED" | "FULL"> {
  const insert = {
    sql: `INSERT INTO addresses (uid, recipient, phone, region, detail, is_default, created_at)
          SELECT ?, ?, ?, ?, ?, ${makeDefault ? "1" : NO_DEFAULT}, ? WHERE ${HAS_ROOM}`,
    args: makeDefault
      ? [uid, a.recipient, a.phone, a.region, a.detail, now, uid]
      : [uid, a.recipient, a.phone, a.region, a.detail, uid, now, uid],
  };
  const stmts = makeDefault
    ? [
        {
          sql: `UPDATE addresses SET is_default = 0 WHERE uid = ? AND is_default = 1 AND ${HAS_ROOM}`,
          args: [uid, uid],
        },
        insert,
      ]
    : [insert];
  const results = await db.$client.batch(stmts, "write");
  return results.at(-1)!.rowsAffected > 0 ? "ADDED" : "FULL";
}

/**
 * Saves an address typed inline in the redeem form, unless the member already has exactly this one (a
 * retried redemption must not save it twice) or has no room left. The first address becomes the default.
 */
export async function rememberAddress(db: Db, uid: string, a: DeliveryAddress, now: number): Promise<void> {
  await db.$client.execute({
    sql: `INSERT INTO addresses (uid, recipient, phone, region, detail, is_default, created_at)
          SELECT ?, ?, ?, ?, ?, ${NO_DEFAULT}, ?
          WHERE ${HAS_ROOM}
            AND NOT EXISTS (SELECT 1 FROM addresses WHERE uid = ? AND recipient = ? AND phone = ? AND region = ? AND detail = ?)`,
    args: [uid, a.recipient, a.phone, a.region, a.detail, uid, now, uid, uid, a.recipient, a.phone, a.region, a.detail],
  });
}

/** Answers false when the member has no address with this id. */
export async function updateAddress(
  db: Db,
  uid: string,
  id: number,
  a: AddressInput,
  makeDefault: boolean,
): Promise<boolean> {
  const update = {
    sql: `UPDATE addresses SET recipient = ?, phone = ?, region = ?, detail = ?${makeDefault ? ", is_default = 1" : ""} WHERE id = ? AND uid = ?`,
    args: [a.recipient, a.phone, a.region, a.detail, id, uid],
  };
  const stmts = makeDefault
    ? [
        {
          sql: `UPDATE addresses SET is_default = 0 WHERE uid = ? AND id <> ? AND EXISTS (SELECT 1 FROM addresses WHERE id = ? AND uid = ?)`,
          args: [uid, id, id, uid],
        },
        update,
      ]
    : [update];
  const results = await db.$client.batch(stmts, "write");
  return results.at(-1)!.rowsAffected > 0;
}

/** Makes one address the member's only default. Answers false when the member has no address with this id. */
export async function setDefaultAddress(db: Db, uid: string, id: number): Promise<boolean> {
  const r = await db.$client.execute({
    sql: `UPDATE addresses SET is_default = (id = ?) WHERE uid = ? AND EXISTS (SELECT 1 FROM addresses WHERE id = ? AND uid = ?)`,
    args: [id, uid, id, uid],
  });
  return r.rowsAffected > 0;
}

/** Deletes an address; if it was the default, the newest remaining one becomes the default. */
export async function deleteAddress(db: Db, uid: string, id: number): Promise<boolean> {
  const [deleted] = await db.$client.batch(
    [
      { sql: `DELETE FROM addresses WHERE id = ? AND uid = ?`, args: [id, uid] },
      {
        sql: `UPDATE addresses SET is_default = 1
              WHERE id = (SELECT id FROM addresses WHERE uid = ? ORDER BY id DESC LIMIT 1) AND ${NO_DEFAULT}`,
        args: [uid, uid],
      },
    ],
    "write",
  );
  return deleted!.rowsAffected > 0;
}
