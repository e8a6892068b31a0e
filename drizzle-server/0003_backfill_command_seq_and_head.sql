-- Each applied command's seq, out of its stored reply: witnesses how far the log reached.
UPDATE `commands` SET `seq` = json_extract(`reply`, '$.seq') WHERE json_extract(`reply`, '$.status') = 'applied';
--> statement-breakpoint
-- The head record (the last event's seq and chain hash), for stores written before it was kept.
INSERT OR IGNORE INTO `meta` (`key`, `value`)
  SELECT 'head', json_object('seq', `seq`, 'hash', `hash`) FROM `events` ORDER BY `seq` DESC LIMIT 1;
--> statement-breakpoint
-- A store whose every event was pruned: the head is the anchor.
INSERT OR IGNORE INTO `meta` (`key`, `value`)
  SELECT 'head', json_object('seq', CAST(o.`value` AS INTEGER) - 1, 'hash', a.`value`)
  FROM `meta` o JOIN `meta` a ON a.`key` = 'anchorHash' WHERE o.`key` = 'oldestSeq';
