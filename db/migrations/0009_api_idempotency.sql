CREATE TABLE `api_idempotency` (
	`scope` text NOT NULL,
	`ref` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` integer,
	`response` text,
	`claimed_at` integer NOT NULL,
	`completed_at` integer,
	PRIMARY KEY(`scope`, `ref`)
);
