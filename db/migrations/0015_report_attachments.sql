ALTER TABLE `attachments` ADD `purpose` text DEFAULT 'proposal' NOT NULL;--> statement-breakpoint
ALTER TABLE `attachments` ADD `activity_id` integer REFERENCES activities(id);--> statement-breakpoint
ALTER TABLE `attachments` ADD `document_kind` text;