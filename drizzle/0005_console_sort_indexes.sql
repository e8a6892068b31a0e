DROP INDEX `incidents_assignee_idx`;--> statement-breakpoint
CREATE INDEX `incidents_code_sort_idx` ON `incidents` (`code`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_title_sort_idx` ON `incidents` (`title`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_address_sort_idx` ON `incidents` (`address`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_grid_sort_idx` ON `incidents` (`grid_id`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_source_sort_idx` ON `incidents` (`source`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_assignee_sort_idx` ON `incidents` (`assignee_id`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_escalation_sort_idx` ON `incidents` (`escalation_level`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_rework_sort_idx` ON `incidents` (`rework_count`,`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_priority_sort_idx` ON `incidents` ((CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END),`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_deadline_sort_idx` ON `incidents` ((deadline + suspended_ms),`reported_at`);--> statement-breakpoint
CREATE INDEX `incidents_overdue_idx` ON `incidents` ((deadline + suspended_ms),`deadline`) WHERE status NOT IN ('rejected','merged','closed') AND suspended = 0;--> statement-breakpoint
CREATE INDEX `incidents_open_category_idx` ON `incidents` (`category`) WHERE status NOT IN ('rejected','merged','closed');