CREATE TABLE `eligibility_checks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`at` integer NOT NULL,
	`overall` text NOT NULL,
	`results` text NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `eligibility_checks_proposal` ON `eligibility_checks` (`proposal_id`,`id`);--> statement-breakpoint
CREATE TABLE `proposal_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_role` text NOT NULL,
	`actor_institution_id` integer,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_events_proposal` ON `proposal_events` (`proposal_id`,`id`);--> statement-breakpoint
CREATE TABLE `proposal_partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`status` text DEFAULT 'invited' NOT NULL,
	`statement` text,
	`invited_at` integer NOT NULL,
	`responded_at` integer,
	`responded_by_user_id` integer,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_partners_unique` ON `proposal_partners` (`proposal_id`,`institution_id`);--> statement-breakpoint
CREATE INDEX `proposal_partners_institution` ON `proposal_partners` (`institution_id`);--> statement-breakpoint
CREATE TABLE `proposal_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by_user_id` integer,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_versions_number` ON `proposal_versions` (`proposal_id`,`number`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`lead_institution_id` integer NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`reference` text,
	`title` text DEFAULT '' NOT NULL,
	`content` text DEFAULT '{}' NOT NULL,
	`state` text NOT NULL,
	`snapshot` text NOT NULL,
	`machine_version` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`submitted_at` integer,
	`clarification_due_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposals_reference_unique` ON `proposals` (`reference`);--> statement-breakpoint
CREATE INDEX `proposals_state` ON `proposals` (`state`);--> statement-breakpoint
CREATE INDEX `proposals_round` ON `proposals` (`round_id`);--> statement-breakpoint
CREATE INDEX `proposals_lead` ON `proposals` (`lead_institution_id`);--> statement-breakpoint
CREATE INDEX `proposals_clarification_due` ON `proposals` (`clarification_due_at`);--> statement-breakpoint
CREATE TABLE `review_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`reviewer_user_id` integer NOT NULL,
	`due_at` integer NOT NULL,
	`reminded_at` integer,
	`submitted_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_assignments_unique` ON `review_assignments` (`proposal_id`,`reviewer_user_id`);--> statement-breakpoint
CREATE INDEX `review_assignments_due` ON `review_assignments` (`due_at`);--> statement-breakpoint
CREATE TABLE `round_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_role` text NOT NULL,
	`type` text NOT NULL,
	`payload` text NOT NULL,
	`from_state` text NOT NULL,
	`to_state` text NOT NULL,
	`version` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `round_events_round` ON `round_events` (`round_id`,`id`);