CREATE TABLE `message_sends` (
	`message_id` integer PRIMARY KEY NOT NULL,
	`uid` text NOT NULL,
	`openid` text NOT NULL,
	`template_id` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`last_error` text,
	`msgid` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `message_sends_due_idx` ON `message_sends` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `message_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`expiry_days` integer DEFAULT 7 NOT NULL,
	`templates` text DEFAULT '{}' NOT NULL,
	`site_origin` text DEFAULT '' NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`link` text DEFAULT '/' NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_source_idx` ON `messages` (`uid`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `messages_uid_idx` ON `messages` (`uid`,`id`);--> statement-breakpoint
CREATE INDEX `messages_unread_idx` ON `messages` (`uid`) WHERE read_at is null;--> statement-breakpoint
CREATE TABLE `wechat_subscriptions` (
	`uid` text NOT NULL,
	`template_id` text NOT NULL,
	`credits` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`uid`, `template_id`)
);
--> statement-breakpoint
INSERT OR IGNORE INTO `message_settings` (`id`) VALUES (1);
--> statement-breakpoint
-- 消息中心 (worker/messages): a member's messages are written by these triggers inside the statement that writes
-- their fact, so a message commits with its fact or not at all, and `insert or ignore` on (uid, dedupe_key) — the
-- source event — means a replayed outbox batch or a retried write adds nothing. The expiry reminders are
-- written by the schedule (worker/messages/expiry-reminders.ts) with the same rule.
-- Orders: shipped (a physical order's carrier and tracking number).
CREATE TRIGGER `messages_order_shipped` AFTER UPDATE OF `status` ON `orders`
WHEN OLD.status <> NEW.status AND NEW.status = 'shipped'
BEGIN
  INSERT OR IGNORE INTO `messages` (`uid`, `kind`, `dedupe_key`, `params`, `link`, `created_at`) VALUES (
    NEW.uid, 'order_shipped', 'order:' || NEW.id || ':shipped',
    json_object('orderId', NEW.id, 'item', NEW.item_name, 'carrier', coalesce(NEW.carrier, ''),
      'trackingNo', coalesce(NEW.tracking_no, '')),
    '/me/orders/' || NEW.id, cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
-- Coupons issued: a coupon order completed with its codes, whether it lands completed or is completed later
-- by the stock outbox.
CREATE TRIGGER `messages_coupon_insert` AFTER INSERT ON `orders`
WHEN NEW.item_type = 'coupon' AND NEW.status = 'completed'
BEGIN
  INSERT OR IGNORE INTO `messages` (`uid`, `kind`, `dedupe_key`, `params`, `link`, `created_at`) VALUES (
    NEW.uid, 'coupon_issued', 'order:' || NEW.id || ':coupon',
    json_object('orderId', NEW.id, 'item', NEW.item_name, 'qty', NEW.qty),
    '/me/orders/' || NEW.id, cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
CREATE TRIGGER `messages_coupon_update` AFTER UPDATE OF `status` ON `orders`
WHEN OLD.status <> NEW.status AND NEW.item_type = 'coupon' AND NEW.status = 'completed'
BEGIN
  INSERT OR IGNORE INTO `messages` (`uid`, `kind`, `dedupe_key`, `params`, `link`, `created_at`) VALUES (
    NEW.uid, 'coupon_issued', 'order:' || NEW.id || ':coupon',
    json_object('orderId', NEW.id, 'item', NEW.item_name, 'qty', NEW.qty),
    '/me/orders/' || NEW.id, cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
-- Lottery prizes: an item prize is an order whose redemption key is the draw's (worker/lottery/deliver.ts
-- prizeOrderKey: a UUID with version nibble 8, which crypto.randomUUID's v4 keys never have).
CREATE TRIGGER `messages_lottery_item` AFTER INSERT ON `orders`
WHEN substr(NEW.key, 15, 1) = '8' AND length(NEW.key) = 36
BEGIN
  INSERT OR IGNORE INTO `messages` (`uid`, `kind`, `dedupe_key`, `params`, `link`, `created_at`) VALUES (
    NEW.uid, 'lottery_prize', 'order:' || NEW.id || ':prize',
    json_object('prize', NEW.item_name, 'orderId', NEW.id),
    '/me/orders/' || NEW.id, cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
-- Ledger entries as the wallets project them (`on conflict do nothing`, so a replayed batch fires nothing):
-- a points prize of a lottery (ref lottery:<id>:<draw key>:prize) and a task's reward (source "task").
CREATE TRIGGER `messages_ledger_insert` AFTER INSERT ON `ledger_projection`
WHEN (NEW.reason_key = 'lottery.ledger.prize' AND NEW.ref LIKE 'lottery:%:prize')
  OR (NEW.source = 'task' AND NEW.kind = 'earned')
BEGIN
  INSERT OR IGNORE INTO `messages` (`uid`, `kind`, `dedupe_key`, `params`, `link`, `created_at`) VALUES (
    NEW.uid,
    CASE WHEN NEW.source = 'task' THEN 'task_reward' ELSE 'lottery_prize' END,
    'ledger:' || NEW.ref,
    CASE WHEN NEW.source = 'task'
      THEN json_object('points', NEW.amount, 'reason', NEW.reason)
      ELSE json_object('points', NEW.amount, 'prize', coalesce(json_extract(NEW.reason_params, '$.name'), ''))
    END,
    CASE WHEN NEW.source = 'task' THEN '/tasks'
      ELSE '/lottery/' || substr(NEW.ref, 9, instr(substr(NEW.ref, 9), ':') - 1)
    END,
    cast(unixepoch('subsec') * 1000 as integer));
END;
--> statement-breakpoint
-- Group outcomes (拼团): every member who took a seat hears whether the group completed or failed (their seats
-- are upserted before the group row in the same outbox batch).
CREATE TRIGGER `messages_group_state` AFTER UPDATE OF `state` ON `groups`
WHEN OLD.state <> NEW.state AND NEW.state IN ('completed', 'failed')
BEGIN
  INSERT OR IGNORE INTO `messages` (`uid`, `kind`, `dedupe_key`, `params`, `link`, `created_at`)
  SELECT DISTINCT m.uid, 'group_result', 'group:' || NEW.id,
    json_object('groupId', NEW.id, 'item', NEW.item_name, 'state', NEW.state),
    '/groups/' || NEW.id, cast(unixepoch('subsec') * 1000 as integer)
  FROM `group_members` m WHERE m.group_id = NEW.id AND m.state <> 'released';
END;
--> statement-breakpoint
CREATE TRIGGER `messages_group_insert` AFTER INSERT ON `groups`
WHEN NEW.state IN ('completed', 'failed')
BEGIN
  INSERT OR IGNORE INTO `messages` (`uid`, `kind`, `dedupe_key`, `params`, `link`, `created_at`)
  SELECT DISTINCT m.uid, 'group_result', 'group:' || NEW.id,
    json_object('groupId', NEW.id, 'item', NEW.item_name, 'state', NEW.state),
    '/groups/' || NEW.id, cast(unixepoch('subsec') * 1000 as integer)
  FROM `group_members` m WHERE m.group_id = NEW.id AND m.state <> 'released';
END;
--> statement-breakpoint
-- The WeChat send outbox: a message of a kind the merchant gave a template, to a member who logged in through
-- WeChat and accepted that template, queues one send (keyed by the message, so never two) and takes one of the
-- member's acceptances (一次性订阅: one acceptance, one message).
CREATE TRIGGER `messages_queue_send` AFTER INSERT ON `messages`
BEGIN
  INSERT OR IGNORE INTO `message_sends` (`message_id`, `uid`, `openid`, `template_id`, `state`, `attempts`,
    `next_attempt_at`, `created_at`, `updated_at`)
  SELECT NEW.id, NEW.uid, i.openid, s.template_id, 'pending', 0, NEW.created_at, NEW.created_at, NEW.created_at
  FROM `message_settings` ms
  JOIN `wechat_subscriptions` s ON s.uid = NEW.uid AND s.template_id = json_extract(ms.templates, '$.' || NEW.kind)
    AND s.credits > 0
  JOIN `wechat_identities` i ON i.uid = NEW.uid
  WHERE ms.id = 1
  ORDER BY i.last_login_at DESC LIMIT 1;
  UPDATE `wechat_subscriptions` SET `credits` = `credits` - 1, `updated_at` = NEW.created_at
  WHERE uid = NEW.uid AND credits > 0
    AND template_id = (SELECT template_id FROM `message_sends` WHERE message_id = NEW.id);
END;
