CREATE TABLE `assignment_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_role` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`version` integer NOT NULL,
	`machine_version` integer NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `review_assignments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignment_events_assignment` ON `assignment_events` (`assignment_id`,`id`);--> statement-breakpoint
CREATE TABLE `review_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`reviewer_user_id` integer NOT NULL,
	`source` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_user_id` integer,
	`dismissed_at` integer,
	`dismissed_by_user_id` integer,
	`dismissal_reason` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dismissed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_conflicts_pair` ON `review_conflicts` (`proposal_id`,`reviewer_user_id`);--> statement-breakpoint
CREATE INDEX `review_conflicts_reviewer` ON `review_conflicts` (`reviewer_user_id`);--> statement-breakpoint
CREATE TABLE `reviewer_conflict_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reviewer_user_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_user_id` integer,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviewer_conflict_rules_unique` ON `reviewer_conflict_rules` (`reviewer_user_id`,`institution_id`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`assignment_id` integer PRIMARY KEY NOT NULL,
	`scores` text DEFAULT '{}' NOT NULL,
	`recommendation` text,
	`confidence` text,
	`comment_for_applicants` text DEFAULT '' NOT NULL,
	`internal_comment` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	`submitted_at` integer,
	FOREIGN KEY (`assignment_id`) REFERENCES `review_assignments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `review_assignments` ADD `due_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `review_assignments` ADD `assigned_by_user_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `review_assignments` ADD `state` text DEFAULT 'invited' NOT NULL;--> statement-breakpoint
ALTER TABLE `review_assignments` ADD `snapshot` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `review_assignments` ADD `machine_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `review_assignments` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `review_assignments_reviewer` ON `review_assignments` (`reviewer_user_id`,`state`);--> statement-breakpoint
-- Assignments written before the assignment statechart: a submitted review stays submitted; any
-- other was being reviewed. Their snapshot is what the machine persists for that state.
UPDATE `review_assignments` SET `state` = CASE WHEN `submitted_at` IS NULL THEN 'reviewing' ELSE 'submitted' END;--> statement-breakpoint
UPDATE `review_assignments` SET `snapshot` = json_object('status', 'active', 'value', `state`, 'historyValue', json_object(), 'context', json_object('reviewerUserId', `reviewer_user_id`), 'children', json_object());--> statement-breakpoint
-- An assignment's history is the record of who declared and decided what: never changed or removed.
CREATE TRIGGER assignment_events_no_update BEFORE UPDATE ON assignment_events
BEGIN
  SELECT RAISE(ABORT, 'assignment_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER assignment_events_no_delete BEFORE DELETE ON assignment_events
BEGIN
  SELECT RAISE(ABORT, 'assignment_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER assignment_events_no_replace BEFORE INSERT ON assignment_events
WHEN EXISTS (SELECT 1 FROM assignment_events WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'assignment_events is append-only');
END;
