CREATE TABLE `events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`uid` text,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_id_unique` ON `events` (`id`);--> statement-breakpoint
CREATE INDEX `events_uid_idx` ON `events` (`uid`,`seq`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`secret` text NOT NULL,
	`previous_secret` text,
	`previous_valid_until` integer,
	`start_seq` integer DEFAULT 0 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`disabled_at` integer,
	`disabled_reason` text,
	`ref` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_endpoints_ref_unique` ON `webhook_endpoints` (`ref`);--> statement-breakpoint
-- The webhooks' event source (worker/webhooks, docs/architecture.md §4.4): one row in `events` per fact, written
-- by these triggers inside the statement that writes the fact, so an event commits with it or not at all and
-- no code path can forget one or invent one. The payload is the Standard Webhooks body, built here once:
-- {"type", "timestamp" (the fact's time, ISO 8601 UTC), "data"}. The id is the webhook-id.
-- Points: every ledger entry projected from a wallet (the projection's insert is `on conflict do nothing`, so a
-- replayed batch fires nothing).
CREATE TRIGGER `events_ledger_insert` AFTER INSERT ON `ledger_projection`
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'points.' || NEW.kind, NEW.uid,
    json_object('type', 'points.' || NEW.kind,
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
      'data', json_object('uid', NEW.uid, 'entryId', NEW.uid || ':' || NEW.seq, 'seq', NEW.seq, 'kind', NEW.kind,
        'points', NEW.amount, 'balance', NEW.balance_after, 'reason', NEW.reason, 'source', NEW.source,
        'ref', NEW.ref)),
    cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
-- Orders: placed when the row first lands (whichever of the redemption flow and the two outboxes writes it
-- first); a coupon order that lands already completed is placed and completed at once, as it is when the
-- stock outbox completes it later.
CREATE TRIGGER `events_order_insert` AFTER INSERT ON `orders`
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'order.placed', NEW.uid,
    json_object('type', 'order.placed',
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
      'data', json_object('orderId', NEW.id, 'uid', NEW.uid, 'itemId', NEW.item_id, 'itemName', NEW.item_name,
        'itemType', NEW.item_type, 'qty', NEW.qty, 'points', NEW.points, 'cashFen', NEW.cash_fen,
        'status', 'placed')),
    cast(unixepoch('subsec') * 1000 as integer));
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`)
  SELECT 'evt_' || lower(hex(randomblob(16))), 'order.completed', NEW.uid,
    json_object('type', 'order.completed',
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at / 1000.0, 'unixepoch'),
      'data', json_object('orderId', NEW.id, 'uid', NEW.uid, 'itemId', NEW.item_id, 'qty', NEW.qty,
        'points', NEW.points, 'status', NEW.status)),
    cast(unixepoch('subsec') * 1000 as integer)
  WHERE NEW.status IN ('completed', 'fulfilled');
END;
--> statement-breakpoint
-- Orders changing status: shipped, completed (a physical order received, a coupon order's codes given out)
-- or fulfilled (a virtual order) as order.completed, cancelled.
CREATE TRIGGER `events_order_status` AFTER UPDATE OF `status` ON `orders`
WHEN OLD.status <> NEW.status AND NEW.status IN ('shipped', 'completed', 'fulfilled', 'cancelled')
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))),
    CASE NEW.status WHEN 'shipped' THEN 'order.shipped' WHEN 'cancelled' THEN 'order.cancelled' ELSE 'order.completed' END,
    NEW.uid,
    json_object(
      'type', CASE NEW.status WHEN 'shipped' THEN 'order.shipped' WHEN 'cancelled' THEN 'order.cancelled' ELSE 'order.completed' END,
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at / 1000.0, 'unixepoch'),
      'data', json_object('orderId', NEW.id, 'uid', NEW.uid, 'itemId', NEW.item_id, 'qty', NEW.qty,
        'points', NEW.points, 'status', NEW.status, 'previousStatus', OLD.status, 'carrier', NEW.carrier,
        'trackingNo', NEW.tracking_no, 'cancelReason', NEW.cancel_reason)),
    cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
-- Members: created (the profile upserts that find the member update it, which fires nothing).
CREATE TRIGGER `events_member_insert` AFTER INSERT ON `members`
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'member.created', NEW.uid,
    json_object('type', 'member.created',
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.created_at / 1000.0, 'unixepoch'),
      'data', json_object('uid', NEW.uid, 'nickname', NEW.nickname)),
    cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
-- Tiers, as the wallets project them: a change of the projected tier, or a first projection above 'standard'
-- (previousTier null).
CREATE TRIGGER `events_tier_update` AFTER UPDATE OF `tier` ON `balance_projection`
WHEN OLD.tier <> NEW.tier
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'member.tier_changed', NEW.uid,
    json_object('type', 'member.tier_changed',
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at / 1000.0, 'unixepoch'),
      'data', json_object('uid', NEW.uid, 'tier', NEW.tier, 'previousTier', OLD.tier,
        'earnedLast12Months', NEW.earned_last_12_months)),
    cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
CREATE TRIGGER `events_tier_insert` AFTER INSERT ON `balance_projection`
WHEN NEW.tier <> 'standard'
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'member.tier_changed', NEW.uid,
    json_object('type', 'member.tier_changed',
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at / 1000.0, 'unixepoch'),
      'data', json_object('uid', NEW.uid, 'tier', NEW.tier, 'previousTier', NULL,
        'earnedLast12Months', NEW.earned_last_12_months)),
    cast(unixepoch('subsec') * 1000 as integer));
END;
