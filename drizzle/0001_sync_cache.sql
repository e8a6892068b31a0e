CREATE TABLE `action_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`command_id` text,
	`incident_id` text,
	`actor_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `action_audit_at_idx` ON `action_audit` (`at`);--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`command_id` text NOT NULL,
	`type` text NOT NULL,
	`incident_id` text NOT NULL,
	`payload` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`current_version` integer,
	`issued_at` integer NOT NULL,
	`rejected_at` integer NOT NULL,
	`dismissed_at` integer
);
--> statement-breakpoint
CREATE INDEX `conflicts_open_idx` ON `conflicts` (`dismissed_at`,`rejected_at`);--> statement-breakpoint
CREATE TABLE `incident_events` (
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
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `incident_events_incident_idx` ON `incident_events` (`incident_id`,`seq`);--> statement-breakpoint
CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`category` text NOT NULL,
	`priority` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`town_id` text NOT NULL,
	`grid_id` text NOT NULL,
	`component_id` text,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`address` text NOT NULL,
	`reporter_id` text NOT NULL,
	`reported_at` integer NOT NULL,
	`assignee_kind` text,
	`assignee_id` text,
	`dispatched_at` integer,
	`deadline` integer,
	`acknowledged_at` integer,
	`resolved_at` integer,
	`verified_at` integer,
	`closed_at` integer,
	`suspended` integer NOT NULL,
	`suspended_at` integer,
	`suspended_ms` integer NOT NULL,
	`escalation_level` integer NOT NULL,
	`rework_count` integer NOT NULL,
	`duplicate_of` text,
	`version` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_seq` integer NOT NULL,
	`stale_since_seq` integer
);
--> statement-breakpoint
CREATE INDEX `incidents_status_idx` ON `incidents` (`status`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_town_idx` ON `incidents` (`town_id`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_category_idx` ON `incidents` (`category`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_deadline_idx` ON `incidents` (`deadline`);--> statement-breakpoint
CREATE INDEX `incidents_reported_idx` ON `incidents` (`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_assignee_idx` ON `incidents` (`assignee_id`);--> statement-breakpoint
CREATE INDEX `incidents_updated_idx` ON `incidents` (`updated_at`);--> statement-breakpoint
CREATE INDEX `incidents_component_idx` ON `incidents` (`component_id`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`command_id` text NOT NULL,
	`type` text NOT NULL,
	`incident_id` text NOT NULL,
	`expected_version` integer,
	`payload` text NOT NULL,
	`issued_at` integer NOT NULL,
	`principal` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`acked_seq` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_command_idx` ON `outbox` (`command_id`);--> statement-breakpoint
CREATE INDEX `outbox_incident_idx` ON `outbox` (`incident_id`);--> statement-breakpoint
CREATE TABLE `pruned_incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`pruned_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seq` integer,
	`incident_id` text,
	`reason` text NOT NULL,
	`raw` text NOT NULL,
	`source` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `quarantine_seq_idx` ON `quarantine` (`seq`);--> statement-breakpoint
CREATE TABLE `reference_data` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`data` text NOT NULL,
	`fetched_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`server_id` text,
	`cursor` integer NOT NULL,
	`reference_version` text,
	`newest_event_at` integer,
	`principal` text,
	`resetting` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
