-- Copies received twice before this index existed: the first one stays.
DELETE FROM `mailbox` WHERE `message_id` IS NOT NULL AND `id` NOT IN (SELECT min(`id`) FROM `mailbox` WHERE `message_id` IS NOT NULL GROUP BY `message_id`, `envelope_to`);--> statement-breakpoint
CREATE UNIQUE INDEX `mailbox_message_once` ON `mailbox` (`message_id`,`envelope_to`) WHERE message_id is not null;
