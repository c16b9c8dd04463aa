ALTER TABLE `members` ADD `leaderboard_opt_out` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `ledger_earned_idx` ON `ledger_projection` (`kind`,`created_at`,`uid`,`amount`);