CREATE TABLE `stock_sales` (
	`key` text PRIMARY KEY NOT NULL,
	`item_id` integer NOT NULL,
	`uid` text NOT NULL,
	`qty` integer NOT NULL,
	`state` text NOT NULL,
	`coupon_codes` text DEFAULT '[]' NOT NULL,
	`version` integer NOT NULL,
	`sold_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stock_sales_item_idx` ON `stock_sales` (`item_id`,`state`);--> statement-breakpoint
ALTER TABLE `items` ADD `initial_stock` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `item_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `item_type` text DEFAULT 'physical' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `coupon_codes` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Data carried over (hand-added): a single coupon code becomes a one-element array; orders get their item's
-- name and type; items get the stock their projection showed (before the stock objects, nothing was ever
-- held or sold, so on_hand was the whole stock).
UPDATE `orders` SET `coupon_codes` = json_array(`coupon_code`) WHERE `coupon_code` IS NOT NULL;--> statement-breakpoint
UPDATE `orders` SET `item_name` = coalesce((SELECT `name` FROM `items` WHERE `items`.`id` = `orders`.`item_id`), ''), `item_type` = coalesce((SELECT `type` FROM `items` WHERE `items`.`id` = `orders`.`item_id`), 'physical');--> statement-breakpoint
UPDATE `items` SET `initial_stock` = coalesce((SELECT `on_hand` FROM `stock_projection` WHERE `stock_projection`.`item_id` = `items`.`id`), 0);--> statement-breakpoint
ALTER TABLE `orders` DROP COLUMN `coupon_code`;--> statement-breakpoint
ALTER TABLE `stock_projection` ADD `codes_left` integer DEFAULT 0 NOT NULL;