CREATE TABLE `proposal_decisions` (
	`proposal_id` integer PRIMARY KEY NOT NULL,
	`outcome` text NOT NULL,
	`priority` integer DEFAULT false NOT NULL,
	`reason` text NOT NULL,
	`shared_feedback` text DEFAULT '' NOT NULL,
	`decided_by_user_id` integer NOT NULL,
	`decided_at` integer NOT NULL,
	`released_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
