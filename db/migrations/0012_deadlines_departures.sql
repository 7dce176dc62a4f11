CREATE TABLE `partner_departures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`reason` text NOT NULL,
	`proposal_state` text NOT NULL,
	`recorded_by_user_id` integer NOT NULL,
	`left_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `partner_departures_proposal` ON `partner_departures` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `proposal_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`kind` text NOT NULL,
	`due_at` integer NOT NULL,
	`met_at` integer,
	`reminded_at` integer,
	`due_reminded_at` integer,
	`extended_at` integer,
	`extension_reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `proposal_deadlines_kind` ON `proposal_deadlines` (`proposal_id`,`kind`);--> statement-breakpoint
CREATE INDEX `proposal_deadlines_due` ON `proposal_deadlines` (`due_at`);