CREATE TABLE `duiba_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`uid` text NOT NULL,
	`order_num` text,
	`request` text NOT NULL,
	`answer` text DEFAULT '' NOT NULL,
	`outcome` text NOT NULL,
	`http_status` integer,
	`duration_ms` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `duiba_calls_created_idx` ON `duiba_calls` (`created_at`);--> statement-breakpoint
CREATE TABLE `duiba_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`mode` text DEFAULT 'native' NOT NULL,
	`app_key` text DEFAULT '' NOT NULL,
	`app_secret_sealed` text DEFAULT '' NOT NULL,
	`consume_url` text DEFAULT '' NOT NULL,
	`notify_url` text DEFAULT '' NOT NULL,
	`add_credits_url` text DEFAULT '' NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
