CREATE TABLE `login_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`locked_until` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `member_session_revocations` (
	`sid` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `redeem_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`uid` text NOT NULL,
	`item_id` integer NOT NULL,
	`qty` integer NOT NULL,
	`claimed_at` integer NOT NULL
);
--> statement-breakpoint
-- The keys of every order so far are claimed by that order (its member, item and qty): a key already redeemed
-- cannot be claimed for anything else.
INSERT INTO `redeem_keys` (`key`, `uid`, `item_id`, `qty`, `claimed_at`)
  SELECT `key`, `uid`, `item_id`, `qty`, `created_at` FROM `orders` WHERE true
  ON CONFLICT (`key`) DO NOTHING;
