ALTER TABLE `incidents` ADD `media_url` text;--> statement-breakpoint
-- Caches synced before this column dropped the photo URL; their timelines still hold each report's payload.
UPDATE `incidents` SET `media_url` = (
  SELECT json_extract(e.`payload`, '$.mediaUrl') FROM `incident_events` e
  WHERE e.`incident_id` = `incidents`.`id` AND e.`type` = 'report'
) WHERE `media_url` IS NULL;
