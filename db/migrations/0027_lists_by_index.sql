-- Two lists found from an index a page at a time, whatever the programme's size: an
-- institution's proposals, newest first (the applicant's home), and a reviewer's open
-- assignments, soonest due first (the reviewer's home). Each needs a fact of the proposal on
-- the row the index orders, so the proposal's last change is copied to its partners' rows and
-- its state to its assignments, by the triggers below (ADR 029).
ALTER TABLE `proposal_partners` ADD `proposal_updated_at` integer;--> statement-breakpoint
UPDATE `proposal_partners` SET `proposal_updated_at` = (SELECT `updated_at` FROM `proposals` WHERE `id` = `proposal_partners`.`proposal_id`);--> statement-breakpoint
ALTER TABLE `review_assignments` ADD `proposal_state` text;--> statement-breakpoint
UPDATE `review_assignments` SET `proposal_state` = (SELECT `state` FROM `proposals` WHERE `id` = `review_assignments`.`proposal_id`);--> statement-breakpoint
DROP INDEX `proposal_partners_institution`;--> statement-breakpoint
CREATE INDEX `proposal_partners_institution` ON `proposal_partners` (`institution_id`,`proposal_updated_at`,`proposal_id`);--> statement-breakpoint
DROP INDEX `proposals_lead`;--> statement-breakpoint
CREATE INDEX `proposals_lead` ON `proposals` (`lead_institution_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `review_assignments_reviewer_open` ON `review_assignments` (`reviewer_user_id`,`proposal_state`,`due_at`,`id`,`state`);--> statement-breakpoint
CREATE TRIGGER proposal_partners_copy_inserted AFTER INSERT ON proposal_partners
BEGIN
  UPDATE proposal_partners SET proposal_updated_at = (SELECT updated_at FROM proposals WHERE id = new.proposal_id) WHERE id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER review_assignments_copy_inserted AFTER INSERT ON review_assignments
BEGIN
  UPDATE review_assignments SET proposal_state = (SELECT state FROM proposals WHERE id = new.proposal_id) WHERE id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER proposals_copy_updated_at AFTER UPDATE OF updated_at ON proposals
WHEN old.updated_at IS NOT new.updated_at
BEGIN
  UPDATE proposal_partners SET proposal_updated_at = new.updated_at WHERE proposal_id = new.id;
END;--> statement-breakpoint
CREATE TRIGGER proposals_copy_state AFTER UPDATE OF state ON proposals
WHEN old.state IS NOT new.state
BEGIN
  UPDATE review_assignments SET proposal_state = new.state WHERE proposal_id = new.id;
END;
