PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_commands` (
	`actor_id` text NOT NULL,
	`command_id` text NOT NULL,
	`seq` integer,
	`reply` text NOT NULL,
	`decided_at` integer NOT NULL,
	PRIMARY KEY(`actor_id`, `command_id`)
);
--> statement-breakpoint
INSERT INTO `__new_commands`("actor_id", "command_id", "seq", "reply", "decided_at") SELECT "actor_id", "command_id", "seq", "reply", "decided_at" FROM `commands`;--> statement-breakpoint
DROP TABLE `commands`;--> statement-breakpoint
ALTER TABLE `__new_commands` RENAME TO `commands`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `commands_seq_idx` ON `commands` (`seq`);