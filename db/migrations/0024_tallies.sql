CREATE TABLE `proposal_tallies` (
	`round_id` integer NOT NULL,
	`state` text NOT NULL,
	`submitted` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`round_id`, `state`, `submitted`)
);
--> statement-breakpoint
CREATE TABLE `tallies` (
	`name` text PRIMARY KEY NOT NULL,
	`n` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_action` ON `audit_log` (`action`);--> statement-breakpoint
CREATE INDEX `proposal_events_at` ON `proposal_events` (`at`);
--> statement-breakpoint
CREATE TABLE `activity_days` (
	`activity_id` integer PRIMARY KEY NOT NULL,
	`happens_on` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `activity_days_happens_on` ON `activity_days` (`happens_on`);
--> statement-breakpoint
CREATE INDEX `proposals_queued` ON `proposals` (`state`,`submitted_at`,`id`);
--> statement-breakpoint
INSERT INTO proposal_tallies (round_id, state, submitted, n)
  SELECT round_id, state, reference IS NOT NULL, count(*) FROM proposals GROUP BY 1, 2, 3
--> statement-breakpoint
INSERT INTO tallies (name, n)
  SELECT 'mailbox', count(*) FROM mailbox
  UNION ALL SELECT 'audit_log', count(*) FROM audit_log
  UNION ALL SELECT 'proposal_events', count(*) FROM proposal_events
  UNION ALL SELECT 'activities', count(*) FROM activities
  UNION ALL SELECT 'users:active', count(*) FROM users WHERE active
  UNION ALL SELECT 'institutions:active', count(*) FROM institutions WHERE active
--> statement-breakpoint
CREATE TRIGGER proposal_tallies_insert AFTER INSERT ON proposals
BEGIN
  INSERT INTO proposal_tallies (round_id, state, submitted, n) VALUES (new.round_id, new.state, new.reference IS NOT NULL, 1)
    ON CONFLICT (round_id, state, submitted) DO UPDATE SET n = n + 1;
END
--> statement-breakpoint
CREATE TRIGGER proposal_tallies_delete AFTER DELETE ON proposals
BEGIN
  UPDATE proposal_tallies SET n = n - 1 WHERE round_id = old.round_id AND state = old.state AND submitted = (old.reference IS NOT NULL);
END
--> statement-breakpoint
CREATE TRIGGER proposal_tallies_update AFTER UPDATE OF round_id, state, reference ON proposals
WHEN old.round_id IS NOT new.round_id OR old.state IS NOT new.state OR (old.reference IS NULL) <> (new.reference IS NULL)
BEGIN
  UPDATE proposal_tallies SET n = n - 1 WHERE round_id = old.round_id AND state = old.state AND submitted = (old.reference IS NOT NULL);
  INSERT INTO proposal_tallies (round_id, state, submitted, n) VALUES (new.round_id, new.state, new.reference IS NOT NULL, 1)
    ON CONFLICT (round_id, state, submitted) DO UPDATE SET n = n + 1;
END
--> statement-breakpoint
CREATE TRIGGER tallies_mailbox_insert AFTER INSERT ON mailbox
BEGIN
  UPDATE tallies SET n = n + 1 WHERE name = 'mailbox';
END
--> statement-breakpoint
CREATE TRIGGER tallies_mailbox_delete AFTER DELETE ON mailbox
BEGIN
  UPDATE tallies SET n = n - 1 WHERE name = 'mailbox';
END
--> statement-breakpoint
CREATE TRIGGER tallies_audit_log_insert AFTER INSERT ON audit_log
BEGIN
  UPDATE tallies SET n = n + 1 WHERE name = 'audit_log';
END
--> statement-breakpoint
CREATE TRIGGER tallies_proposal_events_insert AFTER INSERT ON proposal_events
BEGIN
  UPDATE tallies SET n = n + 1 WHERE name = 'proposal_events';
END
--> statement-breakpoint
CREATE TRIGGER tallies_users_insert AFTER INSERT ON users WHEN new.active
BEGIN
  UPDATE tallies SET n = n + 1 WHERE name = 'users:active';
END
--> statement-breakpoint
CREATE TRIGGER tallies_users_delete AFTER DELETE ON users WHEN old.active
BEGIN
  UPDATE tallies SET n = n - 1 WHERE name = 'users:active';
END
--> statement-breakpoint
CREATE TRIGGER tallies_users_active AFTER UPDATE OF active ON users
WHEN old.active IS NOT new.active
BEGIN
  UPDATE tallies SET n = n + (CASE WHEN new.active THEN 1 ELSE -1 END) WHERE name = 'users:active';
END
--> statement-breakpoint
CREATE TRIGGER tallies_institutions_insert AFTER INSERT ON institutions WHEN new.active
BEGIN
  UPDATE tallies SET n = n + 1 WHERE name = 'institutions:active';
END
--> statement-breakpoint
CREATE TRIGGER tallies_institutions_delete AFTER DELETE ON institutions WHEN old.active
BEGIN
  UPDATE tallies SET n = n - 1 WHERE name = 'institutions:active';
END
--> statement-breakpoint
CREATE TRIGGER tallies_institutions_active AFTER UPDATE OF active ON institutions
WHEN old.active IS NOT new.active
BEGIN
  UPDATE tallies SET n = n + (CASE WHEN new.active THEN 1 ELSE -1 END) WHERE name = 'institutions:active';
END;
--> statement-breakpoint
INSERT INTO activity_days (activity_id, happens_on)
  SELECT a.id, coalesce(r.held_on, a.starts_on) FROM activities a
  LEFT JOIN activity_reports r ON r.proposal_id = a.proposal_id AND r.activity_key = a.key
--> statement-breakpoint
CREATE TRIGGER activity_days_activity_insert AFTER INSERT ON activities
BEGIN
  INSERT INTO activity_days (activity_id, happens_on) VALUES (new.id, new.starts_on);
  UPDATE activity_days SET happens_on = (
    SELECT coalesce(r.held_on, a.starts_on) FROM activities a
    LEFT JOIN activity_reports r ON r.proposal_id = a.proposal_id AND r.activity_key = a.key
    WHERE a.id = activity_days.activity_id
  )
  WHERE activity_id IN (SELECT id FROM activities WHERE id = new.id);
  UPDATE tallies SET n = n + 1 WHERE name = 'activities';
END
--> statement-breakpoint
CREATE TRIGGER activity_days_activity_update AFTER UPDATE OF starts_on, proposal_id, key ON activities
BEGIN
  UPDATE activity_days SET happens_on = (
    SELECT coalesce(r.held_on, a.starts_on) FROM activities a
    LEFT JOIN activity_reports r ON r.proposal_id = a.proposal_id AND r.activity_key = a.key
    WHERE a.id = activity_days.activity_id
  )
  WHERE activity_id IN (SELECT id FROM activities WHERE id = new.id);
END
--> statement-breakpoint
CREATE TRIGGER activity_days_activity_delete AFTER DELETE ON activities
BEGIN
  DELETE FROM activity_days WHERE activity_id = old.id;
  UPDATE tallies SET n = n - 1 WHERE name = 'activities';
END
--> statement-breakpoint
CREATE TRIGGER activity_days_report_insert AFTER INSERT ON activity_reports
BEGIN
  UPDATE activity_days SET happens_on = (
    SELECT coalesce(r.held_on, a.starts_on) FROM activities a
    LEFT JOIN activity_reports r ON r.proposal_id = a.proposal_id AND r.activity_key = a.key
    WHERE a.id = activity_days.activity_id
  )
  WHERE activity_id IN (SELECT id FROM activities WHERE proposal_id = new.proposal_id AND key = new.activity_key);
END
--> statement-breakpoint
CREATE TRIGGER activity_days_report_update AFTER UPDATE OF held_on, proposal_id, activity_key ON activity_reports
BEGIN
  UPDATE activity_days SET happens_on = (
    SELECT coalesce(r.held_on, a.starts_on) FROM activities a
    LEFT JOIN activity_reports r ON r.proposal_id = a.proposal_id AND r.activity_key = a.key
    WHERE a.id = activity_days.activity_id
  )
  WHERE activity_id IN (SELECT id FROM activities WHERE (proposal_id = old.proposal_id AND key = old.activity_key) OR (proposal_id = new.proposal_id AND key = new.activity_key));
END
--> statement-breakpoint
CREATE TRIGGER activity_days_report_delete AFTER DELETE ON activity_reports
BEGIN
  UPDATE activity_days SET happens_on = (
    SELECT coalesce(r.held_on, a.starts_on) FROM activities a
    LEFT JOIN activity_reports r ON r.proposal_id = a.proposal_id AND r.activity_key = a.key
    WHERE a.id = activity_days.activity_id
  )
  WHERE activity_id IN (SELECT id FROM activities WHERE proposal_id = old.proposal_id AND key = old.activity_key);
END;
