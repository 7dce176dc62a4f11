CREATE TABLE `feedback_answers` (
	`round_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`ratings` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`answered_by_user_id` integer NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `institution_id`),
	FOREIGN KEY (`answered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`,`institution_id`) REFERENCES `feedback_invitations`(`round_id`,`institution_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `feedback_invitations` (
	`round_id` integer NOT NULL,
	`institution_id` integer NOT NULL,
	`asked_at` integer NOT NULL,
	PRIMARY KEY(`round_id`, `institution_id`),
	FOREIGN KEY (`round_id`) REFERENCES `feedback_surveys`(`round_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`institution_id`) REFERENCES `institutions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_invitations_institution` ON `feedback_invitations` (`institution_id`);--> statement-breakpoint
CREATE TABLE `feedback_surveys` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`opened_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by_user_id` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
