CREATE TABLE `group_deals` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`fingerprint` text NOT NULL,
	`item_id` integer NOT NULL,
	`group_size` integer NOT NULL,
	`points_price` integer NOT NULL,
	`fill_hours` integer NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_deals_ref_unique` ON `group_deals` (`ref`);--> statement-breakpoint
CREATE INDEX `group_deals_item_idx` ON `group_deals` (`item_id`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`key` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`uid` text NOT NULL,
	`state` text NOT NULL,
	`points` integer NOT NULL,
	`order_id` text,
	`code` text,
	`joined_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`rev` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `group_members_uid_idx` ON `group_members` (`uid`,`joined_at`);--> statement-breakpoint
CREATE INDEX `group_members_group_idx` ON `group_members` (`group_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`deal_id` text NOT NULL,
	`item_id` integer NOT NULL,
	`item_name` text NOT NULL,
	`size` integer NOT NULL,
	`points_price` integer NOT NULL,
	`leader_uid` text NOT NULL,
	`state` text NOT NULL,
	`taken` integer NOT NULL,
	`deadline` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`completed_at` integer,
	`rev` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `groups_deal_idx` ON `groups` (`deal_id`,`state`,`deadline`);--> statement-breakpoint
-- Webhook events of a group's outcome, written by these triggers inside the outbox batch that projects it
-- (its members are upserted first in the same batch): group.completed when it filled and every member is
-- settled (ordered, or refunded where the stock could not serve them), group.failed when its deadline passed
-- unfilled and every member was refunded. The upsert only moves forward (rev), so a replayed batch fires nothing.
CREATE TRIGGER `events_group_state` AFTER UPDATE OF `state` ON `groups`
WHEN OLD.state <> NEW.state AND NEW.state IN ('completed', 'failed')
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'group.' || NEW.state, NEW.leader_uid,
    json_object('type', 'group.' || NEW.state,
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(NEW.completed_at, NEW.updated_at) / 1000.0, 'unixepoch'),
      'data', json_object('groupId', NEW.id, 'dealId', NEW.deal_id, 'itemId', NEW.item_id, 'itemName', NEW.item_name,
        'size', NEW.size, 'points', NEW.points_price, 'leader', NEW.leader_uid, 'state', NEW.state,
        'members', (SELECT json_group_array(json_object('uid', m.uid, 'state', m.state, 'orderId', m.order_id))
                    FROM group_members m WHERE m.group_id = NEW.id AND m.state <> 'released'))),
    cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
CREATE TRIGGER `events_group_insert` AFTER INSERT ON `groups`
WHEN NEW.state IN ('completed', 'failed')
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'group.' || NEW.state, NEW.leader_uid,
    json_object('type', 'group.' || NEW.state,
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(NEW.completed_at, NEW.updated_at) / 1000.0, 'unixepoch'),
      'data', json_object('groupId', NEW.id, 'dealId', NEW.deal_id, 'itemId', NEW.item_id, 'itemName', NEW.item_name,
        'size', NEW.size, 'points', NEW.points_price, 'leader', NEW.leader_uid, 'state', NEW.state,
        'members', (SELECT json_group_array(json_object('uid', m.uid, 'state', m.state, 'orderId', m.order_id))
                    FROM group_members m WHERE m.group_id = NEW.id AND m.state <> 'released'))),
    cast(unixepoch('subsec') * 1000 as integer));
END;
