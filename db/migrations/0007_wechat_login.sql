CREATE TABLE `wechat_bindings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`uid` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_bindings_ref_unique` ON `wechat_bindings` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_bindings_value_idx` ON `wechat_bindings` (`kind`,`value`);--> statement-breakpoint
CREATE TABLE `wechat_identities` (
	`openid` text PRIMARY KEY NOT NULL,
	`appid` text NOT NULL,
	`unionid` text,
	`uid` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_login_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wechat_identities_uid_idx` ON `wechat_identities` (`uid`);--> statement-breakpoint
ALTER TABLE `settings` ADD `wechat_userinfo` integer DEFAULT false NOT NULL;