// The WebhookDelivery object's SQLite storage, versioned like the wallet's and the stock object's
// (worker/objects/storage-migrations.ts).
import { migrateStorage } from "../objects/storage-migrations";

const V1 = `
create table meta (
  id integer primary key check (id = 1),
  endpoint_id text,
  cursor integer not null default 0,
  poll_ms integer not null default 2000,
  failing_since integer,
  last_success_at integer
);
insert into meta (id) values (1);
create table deliveries (
  event_seq integer primary key,
  event_id text not null unique,
  type text not null,
  uid text,
  body text not null,
  state text not null check (state in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at integer,
  last_status integer,
  last_ms integer,
  last_error text,
  created_at integer not null,
  finished_at integer,
  manual integer not null default 0
);
create index deliveries_due on deliveries (state, next_attempt_at);
create index deliveries_uid on deliveries (uid, event_seq);
create table attempts (
  id integer primary key autoincrement,
  event_seq integer not null,
  attempt integer not null,
  at integer not null,
  status integer,
  ms integer not null,
  error text,
  manual integer not null default 0
);
create index attempts_event on attempts (event_seq, id);
`;

export function migrate(storage: DurableObjectStorage): void {
  migrateStorage(storage, [V1]);
}
