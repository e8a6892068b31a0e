CREATE TABLE `assessment_reports` (
	`id` integer PRIMARY KEY NOT NULL,
	`period_kind` text NOT NULL,
	`period_label` text NOT NULL,
	`period_from` integer NOT NULL,
	`period_to` integer NOT NULL,
	`scope` text NOT NULL,
	`version` integer NOT NULL,
	`previous_id` integer,
	`rule_set_revision` integer NOT NULL,
	`rule_set_version` text NOT NULL,
	`seq` integer NOT NULL,
	`head_hash` text NOT NULL,
	`evaluated_at` integer NOT NULL,
	`generated_at` integer NOT NULL,
	`author_id` text NOT NULL,
	`reason` text NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_reports_version_idx` ON `assessment_reports` (`period_kind`,`period_label`,`scope`,`version`);--> statement-breakpoint
CREATE INDEX `assessment_reports_generated_idx` ON `assessment_reports` (`generated_at`);--> statement-breakpoint
CREATE TABLE `rule_set_activations` (
	`id` integer PRIMARY KEY NOT NULL,
	`revision` integer NOT NULL,
	`actor_id` text NOT NULL,
	`activated_at` integer NOT NULL,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rule_sets` (
	`revision` integer PRIMARY KEY NOT NULL,
	`version` text NOT NULL,
	`name` text NOT NULL,
	`rules` text NOT NULL,
	`author_id` text NOT NULL,
	`author_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`reason` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_sets_version_idx` ON `rule_sets` (`version`);