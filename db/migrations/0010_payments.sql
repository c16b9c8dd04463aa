CREATE TABLE `payment_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`provider` text DEFAULT 'wechatpay' NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`mchid` text DEFAULT '' NOT NULL,
	`appid` text DEFAULT '' NOT NULL,
	`merchant_serial_no` text DEFAULT '' NOT NULL,
	`api_v3_key_sealed` text DEFAULT '' NOT NULL,
	`private_key_sealed` text DEFAULT '' NOT NULL,
	`platform_serial_no` text DEFAULT '' NOT NULL,
	`platform_public_key` text DEFAULT '' NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`order_id` text PRIMARY KEY NOT NULL,
	`uid` text NOT NULL,
	`provider` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`reported_fen` integer,
	`state` text DEFAULT 'pending' NOT NULL,
	`channel` text,
	`notify_url` text,
	`transaction_id` text,
	`flag` text,
	`deadline_at` integer NOT NULL,
	`paid_at` integer,
	`closed_at` integer,
	`refund_no` text,
	`refund_id` text,
	`refund_status` text,
	`refunded_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `payments_state_idx` ON `payments` (`state`,`deadline_at`);--> statement-breakpoint
CREATE INDEX `payments_created_idx` ON `payments` (`created_at`);