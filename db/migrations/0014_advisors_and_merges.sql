CREATE TABLE `advisor_shares` (
	`proposal_id` integer PRIMARY KEY NOT NULL,
	`shared_by_user_id` integer NOT NULL,
	`shared_at` integer NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shared_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `institutions` ADD `merged_into_id` integer REFERENCES institutions(id);--> statement-breakpoint
ALTER TABLE `institutions` ADD `merged_at` integer;--> statement-breakpoint
ALTER TABLE `proposal_comments` ADD `advisor_country_code` text REFERENCES countries(code);