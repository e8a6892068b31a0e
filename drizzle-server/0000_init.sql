CREATE TABLE `commands` (
	`command_id` text PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`reply` text NOT NULL,
	`decided_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`actor_id` text NOT NULL,
	`role` text NOT NULL,
	`workstation_id` text,
	`server_time` integer NOT NULL,
	`issued_at` integer,
	`command_id` text,
	`version` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_incident_idx` ON `events` (`incident_id`,`seq`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`town_id` text NOT NULL,
	`category` text NOT NULL,
	`status` text NOT NULL,
	`reported_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `incidents_code_unique` ON `incidents` (`code`);--> statement-breakpoint
CREATE INDEX `incidents_category_idx` ON `incidents` (`category`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_reported_idx` ON `incidents` (`reported_at`);--> statement-breakpoint
CREATE TABLE `layouts` (
	`actor_id` text PRIMARY KEY NOT NULL,
	`layout` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
