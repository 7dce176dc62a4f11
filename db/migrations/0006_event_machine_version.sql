ALTER TABLE `proposal_events` ADD `machine_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `round_events` ADD `machine_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- INSERT OR REPLACE deletes the row it replaces, and a connection without recursive_triggers
-- (the sqlite3 shell, for one) fires no DELETE trigger for that: refuse such an insert itself.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER proposal_events_no_replace BEFORE INSERT ON proposal_events
WHEN EXISTS (SELECT 1 FROM proposal_events WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'proposal_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER round_events_no_replace BEFORE INSERT ON round_events
WHEN EXISTS (SELECT 1 FROM round_events WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'round_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER eligibility_checks_no_replace BEFORE INSERT ON eligibility_checks
WHEN EXISTS (SELECT 1 FROM eligibility_checks WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'eligibility_checks is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER proposal_versions_no_replace BEFORE INSERT ON proposal_versions
WHEN EXISTS (
  SELECT 1 FROM proposal_versions
  WHERE id = NEW.id OR (proposal_id = NEW.proposal_id AND kind = NEW.kind AND number = NEW.number)
)
BEGIN
  SELECT RAISE(ABORT, 'proposal_versions is append-only');
END;
