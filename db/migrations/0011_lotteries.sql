CREATE TABLE `lotteries` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`fingerprint` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`config` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lotteries_ref_unique` ON `lotteries` (`ref`);--> statement-breakpoint
CREATE INDEX `lotteries_window_idx` ON `lotteries` (`ends_at`);