-- Rows cached before the assessment facts existed: the best the row alone says (withAssessmentFacts
-- in src/shared/domain/incident.ts does the same for a server's rows). The current deadline already
-- holds any approved extension, so nothing is added on top of it. A reset from snapshot after the
-- server is upgraded replaces these rows with the facts folded from the log.
UPDATE `incidents` SET
  `intake_at` = CASE WHEN `status` = 'reported' THEN NULL ELSE `dispatched_at` END,
  `first_dispatched_at` = `dispatched_at`,
  `first_deadline` = `deadline`,
  `extended_ms` = 0,
  `credited_suspended_ms` = `suspended_ms`,
  `suspension_credited` = `suspended`
WHERE `first_dispatched_at` IS NULL AND `intake_at` IS NULL;
