CREATE INDEX `activities_updated` ON `activities` (`updated_at`);--> statement-breakpoint
CREATE INDEX `proposal_events_reached` ON `proposal_events` (`proposal_id`,`to_state`,`at`);--> statement-breakpoint
CREATE INDEX `proposal_partners_responded` ON `proposal_partners` (`responded_at`);--> statement-breakpoint
CREATE INDEX `proposals_submitted` ON `proposals` (`submitted_at`);