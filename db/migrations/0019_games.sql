CREATE TABLE `lottery_draws` (
	`key` text NOT NULL,
	`lottery_id` text NOT NULL,
	`lottery_name` text NOT NULL,
	`seq` integer NOT NULL,
	`uid` text NOT NULL,
	`state` text NOT NULL,
	`cost` integer NOT NULL,
	`free` integer NOT NULL,
	`day` text NOT NULL,
	`prize_id` text,
	`prize_name` text,
	`prize_kind` text,
	`prize_points` integer,
	`item_id` integer,
	`order_id` text,
	`code` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`lottery_id`, `key`)
);
--> statement-breakpoint
CREATE INDEX `lottery_draws_lottery_idx` ON `lottery_draws` (`lottery_id`,`seq`);--> statement-breakpoint
CREATE INDEX `lottery_draws_uid_idx` ON `lottery_draws` (`uid`,`created_at`);--> statement-breakpoint
ALTER TABLE `group_deals` ADD `tiers` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- The lottery.won webhook event (issue 12), written by this trigger inside the outbox batch that projects a
-- finished draw (worker/lottery/outbox.ts): a draw that lands done with a prize (points or an item; 谢谢参与 is
-- not a win). A final draw never changes and the insert is `on conflict do nothing`, so a replayed batch fires
-- nothing. `ref` is the draw's ref in the member's wallet (the cost's; the points prize is `<ref>:prize`).
CREATE TRIGGER `events_lottery_won` AFTER INSERT ON `lottery_draws`
WHEN NEW.state = 'done' AND NEW.prize_kind IN ('points', 'item')
BEGIN
  INSERT INTO `events` (`id`, `type`, `uid`, `payload`, `created_at`) VALUES (
    'evt_' || lower(hex(randomblob(16))), 'lottery.won', NEW.uid,
    json_object('type', 'lottery.won',
      'timestamp', strftime('%Y-%m-%dT%H:%M:%fZ', NEW.updated_at / 1000.0, 'unixepoch'),
      'data', json_object('uid', NEW.uid, 'lotteryId', NEW.lottery_id, 'lotteryName', NEW.lottery_name,
        'drawKey', NEW.key, 'ref', 'lottery:' || NEW.lottery_id || ':' || NEW.key,
        'prize', json_object('id', NEW.prize_id, 'name', NEW.prize_name, 'kind', NEW.prize_kind,
          'points', NEW.prize_points, 'itemId', NEW.item_id),
        'orderId', NEW.order_id, 'cost', NEW.cost, 'free', json(CASE WHEN NEW.free THEN 'true' ELSE 'false' END))),
    cast(unixepoch('subsec') * 1000 as integer));
END;
