CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`proposal_id` integer NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`place` text NOT NULL,
	`participants` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by_user_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activities_proposal_key` ON `activities` (`proposal_id`,`key`);--> statement-breakpoint
CREATE INDEX `activities_starts_on` ON `activities` (`starts_on`);--> statement-breakpoint
CREATE TABLE `activity_participants` (
	`activity_id` integer NOT NULL,
	`country_code` text NOT NULL,
	`planned` integer,
	`held` integer,
	PRIMARY KEY(`activity_id`, `country_code`),
	FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`country_code`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_participants_country` ON `activity_participants` (`country_code`);--> statement-breakpoint
ALTER TABLE `activity_reports` ADD `held_until` text;
--> statement-breakpoint
-- hand-written below
-- Proposals whose concept note was approved before activities had a table of their own get
-- their plan from the approved (last submitted) concept note, as APPROVE_CONCEPT now does. An
-- activity saved before activities had keys is keyed by its place, as readConceptNote keys it;
-- a key a note repeats plans its first activity only (OR IGNORE), rather than stop the start.
INSERT OR IGNORE INTO `activities` (`proposal_id`, `key`, `type`, `title`, `starts_on`, `place`, `participants`, `created_at`, `updated_at`)
SELECT v.`proposal_id`, coalesce(json_extract(a.value, '$.key'), 'activity-' || (a.key + 1)),
  CASE json_extract(a.value, '$.kind')
    WHEN 'jointExercise' THEN 'jointExercise'
    WHEN 'practiceExchange' THEN 'studyVisit'
    WHEN 'networkingMeeting' THEN 'operationalMeeting'
    WHEN 'capacityBuilding' THEN 'training'
    WHEN 'expertAdvice' THEN 'expertMission'
    ELSE 'workshop' END,
  coalesce(json_extract(a.value, '$.title'), ''), json_extract(a.value, '$.date'), coalesce(json_extract(a.value, '$.place'), ''),
  json_extract(a.value, '$.participants'), v.`created_at`, v.`created_at`
FROM `proposal_versions` v, json_each(v.`content`, '$.activities') a
WHERE v.`kind` = 'conceptNote'
  AND v.`number` = (SELECT max(w.`number`) FROM `proposal_versions` w WHERE w.`proposal_id` = v.`proposal_id` AND w.`kind` = 'conceptNote')
  AND EXISTS (SELECT 1 FROM `proposal_events` e WHERE e.`proposal_id` = v.`proposal_id` AND e.`type` = 'APPROVE_CONCEPT')
  AND coalesce(json_extract(a.value, '$.date'), '') <> '';
--> statement-breakpoint
INSERT INTO `activity_participants` (`activity_id`, `country_code`)
SELECT act.`id`, c.key
FROM `activities` act
JOIN `proposal_versions` v ON v.`proposal_id` = act.`proposal_id` AND v.`kind` = 'conceptNote'
  AND v.`number` = (SELECT max(w.`number`) FROM `proposal_versions` w WHERE w.`proposal_id` = v.`proposal_id` AND w.`kind` = 'conceptNote'),
  json_each(v.`content`, '$.activities') a,
  json_each(a.value, '$.institutions') c
WHERE coalesce(json_extract(a.value, '$.key'), 'activity-' || (a.key + 1)) = act.`key`
  AND c.key IN (SELECT `code` FROM `countries`) AND trim(c.value) <> '';
