CREATE TABLE `code_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`fingerprint` text NOT NULL,
	`name` text NOT NULL,
	`points` integer NOT NULL,
	`count` integer NOT NULL,
	`expires_at` integer,
	`per_member_limit` integer,
	`disabled` integer DEFAULT false NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `code_batches_ref_unique` ON `code_batches` (`ref`);--> statement-breakpoint
CREATE TABLE `code_guess_failures` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`failures` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invite_codes` (
	`uid` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invite_codes_code_unique` ON `invite_codes` (`code`);--> statement-breakpoint
CREATE TABLE `redeem_codes` (
	`hash` text PRIMARY KEY NOT NULL,
	`batch_id` text NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`credited_at` integer
);
--> statement-breakpoint
CREATE INDEX `redeem_codes_batch_idx` ON `redeem_codes` (`batch_id`,`claimed_by`);--> statement-breakpoint
CREATE TABLE `referral_refusals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uid` text NOT NULL,
	`code` text NOT NULL,
	`inviter` text,
	`reason` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `referral_refusals_at_idx` ON `referral_refusals` (`at`);--> statement-breakpoint
CREATE TABLE `referral_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`inviter_points` integer DEFAULT 0 NOT NULL,
	`invitee_points` integer DEFAULT 0 NOT NULL,
	`qualify` text DEFAULT 'signup' NOT NULL,
	`inviter_daily_cap` integer,
	`inviter_total_cap` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `referrals` (
	`invitee` text PRIMARY KEY NOT NULL,
	`inviter` text NOT NULL,
	`code` text NOT NULL,
	`qualify` text NOT NULL,
	`inviter_points` integer NOT NULL,
	`invitee_points` integer NOT NULL,
	`qualified_at` integer,
	`inviter_state` text DEFAULT 'pending' NOT NULL,
	`inviter_refusal` text,
	`invitee_state` text DEFAULT 'pending' NOT NULL,
	`invitee_refusal` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `referrals_inviter_idx` ON `referrals` (`inviter`,`created_at`);--> statement-breakpoint
CREATE INDEX `referrals_created_idx` ON `referrals` (`created_at`);