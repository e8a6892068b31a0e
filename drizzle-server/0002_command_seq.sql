ALTER TABLE `commands` ADD `seq` integer;--> statement-breakpoint
CREATE INDEX `commands_seq_idx` ON `commands` (`seq`);