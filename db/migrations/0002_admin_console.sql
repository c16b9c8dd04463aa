CREATE TABLE `autologin_secrets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`secret` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`valid_until` integer
);
--> statement-breakpoint
ALTER TABLE `balance_projection` ADD `expiring` text DEFAULT '[]' NOT NULL;