// Conversion between Hrana values and the values of the `libsql` driver.
//
// The driver runs with safe integers on, so SQLite INTEGERs arrive as `bigint` and REALs as `number`:
// the two storage classes stay distinct and 64-bit integers round-trip exactly. On the way in, a
// Hrana "integer" is bound as `bigint` (INTEGER) and a "float" as `number` (the driver binds every
// JS number as REAL, which is what sqld does with a Hrana float too).

import type { ProtoValue } from "./protocol";

/** A value the driver can bind or return. */
export type SqlValue = null | bigint | number | string | Buffer;

export function valueFromProto(v: ProtoValue): SqlValue {
  switch (v.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(v.value);
    case "float":
      return v.value;
    case "text":
      return v.value;
    case "blob":
      // Accepts padded and unpadded standard base64 (and base64url).
      return Buffer.from(v.base64, "base64");
  }
}

export function valueToProto(v: unknown): ProtoValue {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  if (typeof v === "number") {
    // With safe integers on, integers never come back as numbers; a number is always a REAL.
    return { type: "float", value: v };
  }
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) {
    // sqld writes blobs as standard base64 without padding; the client accepts either.
    return {
      type: "blob",
      base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64").replace(/=+$/, ""),
    };
  }
  throw new Error(`Unsupported value of type ${typeof v} returned by the database`);
}
