ALTER TABLE `incidents` ADD `pending_request` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `extensions` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `sent_back_from` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `former_assignees` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `overdue_when_suspended` integer;