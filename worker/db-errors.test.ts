// Constraint errors as the real libSQL server sends them over HTTP (SQLITE_CONSTRAINT + the message), through
// drizzle, single statements and write batches alike.
import { env } from "cloudflare:workers";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { autologinNonces, categories, ledgerProjection } from "../db/schema";
import { constraintViolation, isUniqueViolation } from "./db-errors";

const db = () => getDb(env.TURSO_DATABASE_URL);
const tag = () => crypto.randomUUID().slice(0, 8);

async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error("expected the statement to fail");
}

describe("database constraint errors", () => {
  it("names the column of a unique constraint, in a single insert and in a batch", async () => {
    const slug = `dbe-${tag()}`;
    await db().insert(categories).values({ slug, name: "a" });
    const single = await failure(() => db().insert(categories).values({ slug, name: "b" }));
    expect(constraintViolation(single)).toEqual({ kind: "unique", columns: ["categories.slug"] });
    expect(isUniqueViolation(single)).toBe(true);
    expect(isUniqueViolation(single, "categories.slug")).toBe(true);
    expect(isUniqueViolation(single, "categories")).toBe(true);
    expect(isUniqueViolation(single, "categories.name")).toBe(false);
    expect(isUniqueViolation(single, "items")).toBe(false);

    const nonce = `dbe-${tag()}`;
    const batched = await failure(() =>
      db().batch([
        db().insert(autologinNonces).values({ nonce, uid: "u", expiresAt: 1 }),
        db().insert(autologinNonces).values({ nonce, uid: "u", expiresAt: 1 }),
      ]),
    );
    expect(isUniqueViolation(batched, "autologin_nonces.nonce")).toBe(true);
    // the batch is all or nothing
    const left = await db().all(sql`select count(*) as n from autologin_nonces where nonce = ${nonce}`);
    expect(left).toEqual([{ n: 0 }]);
  });

  it("lists every column of a composite primary key", async () => {
    const row = {
      uid: `dbe-${tag()}`,
      seq: 1,
      kind: "earned" as const,
      amount: 1,
      balanceAfter: 1,
      reason: "",
      source: "test",
      ref: "r",
      createdAt: 1,
    };
    await db().insert(ledgerProjection).values(row);
    const err = await failure(() => db().insert(ledgerProjection).values(row));
    expect(constraintViolation(err)).toEqual({
      kind: "unique",
      columns: ["ledger_projection.uid", "ledger_projection.seq"],
    });
  });

  it("tells a not-null failure from a unique one, and other errors from constraint failures", async () => {
    const notNull = await failure(() => db().run(sql`insert into categories (slug, name) values (${tag()}, null)`));
    expect(constraintViolation(notNull)).toEqual({ kind: "not_null", columns: ["categories.name"] });
    expect(isUniqueViolation(notNull)).toBe(false);

    const syntax = await failure(() => db().run(sql`select * from no_such_table_here`));
    expect(constraintViolation(syntax)).toBeNull();
    expect(isUniqueViolation(new Error("UNIQUE"))).toBe(false);
  });
});
