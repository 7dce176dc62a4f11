-- The workflow's history is the record of who decided what: rows are never changed or removed.
CREATE TRIGGER proposal_events_no_update BEFORE UPDATE ON proposal_events
BEGIN
  SELECT RAISE(ABORT, 'proposal_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER proposal_events_no_delete BEFORE DELETE ON proposal_events
BEGIN
  SELECT RAISE(ABORT, 'proposal_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER round_events_no_update BEFORE UPDATE ON round_events
BEGIN
  SELECT RAISE(ABORT, 'round_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER round_events_no_delete BEFORE DELETE ON round_events
BEGIN
  SELECT RAISE(ABORT, 'round_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER eligibility_checks_no_update BEFORE UPDATE ON eligibility_checks
BEGIN
  SELECT RAISE(ABORT, 'eligibility_checks is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER eligibility_checks_no_delete BEFORE DELETE ON eligibility_checks
BEGIN
  SELECT RAISE(ABORT, 'eligibility_checks is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER proposal_versions_no_update BEFORE UPDATE ON proposal_versions
BEGIN
  SELECT RAISE(ABORT, 'proposal_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER proposal_versions_no_delete BEFORE DELETE ON proposal_versions
BEGIN
  SELECT RAISE(ABORT, 'proposal_versions is append-only');
END;
