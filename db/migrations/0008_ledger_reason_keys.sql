ALTER TABLE `ledger_projection` ADD `reason_key` text;--> statement-breakpoint
ALTER TABLE `ledger_projection` ADD `reason_params` text;