CREATE TABLE `task_claims` (
	`task_id` text NOT NULL,
	`uid` text NOT NULL,
	`period` text NOT NULL,
	`ref` text NOT NULL,
	`points` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`task_id`, `uid`, `period`)
);
--> statement-breakpoint
CREATE INDEX `task_claims_uid_idx` ON `task_claims` (`uid`);--> statement-breakpoint
CREATE TABLE `task_progress` (
	`task_id` text NOT NULL,
	`uid` text NOT NULL,
	`period` text NOT NULL,
	`mark` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`task_id`, `uid`, `period`, `mark`)
);
--> statement-breakpoint
CREATE TABLE `task_survey_answers` (
	`task_id` text NOT NULL,
	`uid` text NOT NULL,
	`period` text NOT NULL,
	`answers` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`task_id`, `uid`, `period`)
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`ref` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`target` text DEFAULT '' NOT NULL,
	`seconds` integer DEFAULT 0 NOT NULL,
	`goal` integer DEFAULT 1 NOT NULL,
	`points` integer NOT NULL,
	`repeat` text NOT NULL,
	`times` integer DEFAULT 1 NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`tiers` text DEFAULT '[]' NOT NULL,
	`questions` text DEFAULT '[]' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_ref_unique` ON `tasks` (`ref`);--> statement-breakpoint
CREATE INDEX `tasks_kind_target_idx` ON `tasks` (`kind`,`target`);