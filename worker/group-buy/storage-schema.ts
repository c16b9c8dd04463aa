// The group object's own SQLite storage (ctx.storage.sql), versioned like the other objects': each entry of
// MIGRATIONS runs once, in order, in one synchronous transaction. Times are epoch milliseconds.
import { outboxStateTable } from "../objects/outbox";

const V1 = `
-- The group: its definition (fixed when opened), its state, and rev, bumped by every change (the outbox sends
-- the group and its seats to Turso when rev is past projected_rev).
create table grp (
  id integer primary key check (id = 1),
  def text not null,
  state text not null check (state in ('OPEN', 'FILLED', 'COMPLETED', 'FAILING', 'FAILED')),
  rules text not null,
  rev integer not null default 1,
  completed_at integer,
  updated_at integer not null
);

-- One row per join key. HOLDING → PAID → ORDERED | REFUNDING → REFUNDED; HOLDING → RELEASED. A member holds
-- at most one seat that is not RELEASED (the partial unique index); seats not RELEASED never exceed the size
-- (checked in the step that takes one).
create table seats (
  seq integer primary key autoincrement,
  key text not null unique,
  uid text not null,
  state text not null check (state in ('HOLDING', 'PAID', 'RELEASED', 'ORDERED', 'REFUNDING', 'REFUNDED')),
  points integer not null check (points >= 0),
  address text,
  order_id text,
  order_json text,
  code text,
  joined_at integer not null,
  updated_at integer not null
);
create unique index seats_member_idx on seats (uid) where state <> 'RELEASED';
create index seats_open_idx on seats (state) where state in ('HOLDING', 'PAID', 'REFUNDING');
${outboxStateTable("projected_rev integer not null default 0")}
`;

export const MIGRATIONS: readonly string[] = [V1];
