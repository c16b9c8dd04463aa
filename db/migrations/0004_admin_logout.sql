CREATE TABLE `admin_session_revocations` (
	`sid` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
