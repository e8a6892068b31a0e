ALTER TABLE `incidents` ADD `intake_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `intake_by` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `first_dispatched_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `dispatched_by` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `first_deadline` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `extended_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `credited_suspended_ms` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `suspension_credited` integer DEFAULT 0 NOT NULL;