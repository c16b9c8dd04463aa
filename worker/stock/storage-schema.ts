// The item stock object's own SQLite storage (ctx.storage.sql). Versioned like the wallet's: each entry of
// MIGRATIONS runs once, in order, inside one synchronous transaction. Times are epoch milliseconds.
import { outboxStateTable } from "../objects/outbox";
import { REFS_TABLE } from "../objects/refs";

const V1 = `
-- The item and its counts (one row, created the first time the object is touched, from
-- rules.initialStock). available + held + sold = initial_stock + adjusted, always.
-- version: the object's change sequence (every write bumps it) = the projection version.
-- codes_free / codes_imported: imported codes not yet given / ever imported (counters of the codes table).
create table item (
  id integer primary key check (id = 1),
  item_id integer not null,
  type text not null check (type in ('physical', 'coupon', 'virtual')),
  rules text not null,
  initial_stock integer not null check (initial_stock >= 0),
  adjusted integer not null default 0,
  available integer not null check (available >= 0),
  held integer not null default 0 check (held >= 0),
  sold integer not null default 0 check (sold >= 0),
  codes_free integer not null default 0 check (codes_free >= 0),
  codes_imported integer not null default 0,
  version integer not null,
  created_at integer not null,
  updated_at integer not null
);

-- Holds by redemption key. HELD (until deadline) → SOLD (confirm) | RELEASED (release / wallet ABORTED);
-- SOLD (or HELD, for a committed key) → RESTOCKED (a cancelled order). version: the object's version at
-- the hold's last change (the outbox projects SOLD / RESTOCKED holds changed after its watermark).
create table holds (
  key text primary key,
  uid text not null,
  qty integer not null check (qty > 0),
  deadline integer not null,
  state text not null check (state in ('HELD', 'SOLD', 'RELEASED', 'RESTOCKED')),
  codes text,
  restock_ref text,
  version integer not null,
  created_at integer not null,
  updated_at integer not null,
  sold_at integer
);
create index holds_due on holds (deadline) where state = 'HELD';
create index holds_member on holds (uid, state);
create index holds_version on holds (version);

-- The coupon-code pool: imported codes (free until given: hold_key null) and codes the object generated
-- for coupon items that have no imported pool. A code is given to exactly one sale and never again.
create table codes (
  code text primary key,
  source text not null check (source in ('imported', 'generated')),
  seq integer not null unique,
  hold_key text,
  added_at integer not null,
  given_at integer
);
create index codes_free on codes (seq) where hold_key is null;
create index codes_hold on codes (hold_key) where hold_key is not null;

${REFS_TABLE}
${outboxStateTable(`
  projected_version integer not null default 0
`)}`;

// V2 (兑吧兼容, worker/duiba): who decides a hold — null = the member's wallet, 'duiba' = the member's DuibaAccount
// object (the merchant's 扣积分 answer); the alarm's recovery asks that one.
const V2 = `alter table holds add column decider text;`;

// V3 (sharded stock, worker/stock/shards.ts): which of its item's stock objects this is. An object woken by its
// alarm has no ctx.id.name (workerd keeps names only for stubs got by name), so the shard the name gave on
// the first call is kept here; without it a restarted shard k ≥ 1 would drain its outbox as shard 0.
const V3 = `alter table item add column shard integer;`;

// V4 (a sharded coupon item's imported codes, worker/stock/place-codes.ts): the shard a code's hash names keeps
// which shard the code was placed on (a code goes to the shard whose units lack codes most, so the item sells
// min(units, codes) whatever the hashes): one claim per code, so a code is imported once across all shards,
// and an import cut off between the claim and the placement is completed by the next import of the code.
// item.pooled: the item (on any of its shards) has imported codes, so this shard sells from its own pool
// even while that is empty — a shard that got none must not sell generated codes instead.
const V4 = `
create table code_claims (
  code text primary key,
  shard integer not null check (shard >= 0),
  claimed_at integer not null
);
alter table item add column pooled integer not null default 0;`;

export const MIGRATIONS: readonly string[] = [V1, V2, V3, V4];

export const SCHEMA_VERSION = MIGRATIONS.length;
