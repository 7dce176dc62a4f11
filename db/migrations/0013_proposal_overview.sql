CREATE TABLE `proposal_topics` (
	`proposal_id` integer NOT NULL,
	`kind` text NOT NULL,
	`topic` text NOT NULL,
	PRIMARY KEY(`proposal_id`, `kind`, `topic`),
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `proposal_topics_topic` ON `proposal_topics` (`kind`,`topic`,`proposal_id`);--> statement-breakpoint
CREATE INDEX `proposals_updated` ON `proposals` (`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `proposals_title` ON `proposals` (`title`,`id`);--> statement-breakpoint
-- hand-written below
-- The TAF team's free-text search (reference, title, the institutions taking part) is an FTS5
-- index whose rowid is the proposal's id. Triggers keep it in step with the proposal, its
-- partners and their names; a declined partner is not searched for. unicode61 with diacritics
-- removed lets "Durres" find "Durrës" and "Pristina" find "Prishtinë".
CREATE VIRTUAL TABLE proposal_search USING fts5(reference, title, institutions, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER proposal_search_proposal_inserted AFTER INSERT ON proposals BEGIN
  DELETE FROM proposal_search WHERE rowid IN (NEW.id);
  INSERT INTO proposal_search (rowid, reference, title, institutions)
  SELECT p.id, coalesce(p.reference, ''), p.title,
    (SELECT group_concat(names.name, ' · ') FROM (
       SELECT i.name FROM institutions i WHERE i.id = p.lead_institution_id
       UNION ALL
       SELECT i.name FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status <> 'declined') AS names)
  FROM proposals p WHERE p.id IN (NEW.id);
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_proposal_updated AFTER UPDATE OF reference, title, lead_institution_id ON proposals
WHEN OLD.reference IS NOT NEW.reference OR OLD.title IS NOT NEW.title OR OLD.lead_institution_id IS NOT NEW.lead_institution_id BEGIN
  DELETE FROM proposal_search WHERE rowid IN (NEW.id);
  INSERT INTO proposal_search (rowid, reference, title, institutions)
  SELECT p.id, coalesce(p.reference, ''), p.title,
    (SELECT group_concat(names.name, ' · ') FROM (
       SELECT i.name FROM institutions i WHERE i.id = p.lead_institution_id
       UNION ALL
       SELECT i.name FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status <> 'declined') AS names)
  FROM proposals p WHERE p.id IN (NEW.id);
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_partner_inserted AFTER INSERT ON proposal_partners BEGIN
  DELETE FROM proposal_search WHERE rowid IN (NEW.proposal_id);
  INSERT INTO proposal_search (rowid, reference, title, institutions)
  SELECT p.id, coalesce(p.reference, ''), p.title,
    (SELECT group_concat(names.name, ' · ') FROM (
       SELECT i.name FROM institutions i WHERE i.id = p.lead_institution_id
       UNION ALL
       SELECT i.name FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status <> 'declined') AS names)
  FROM proposals p WHERE p.id IN (NEW.proposal_id);
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_partner_updated AFTER UPDATE OF status, institution_id ON proposal_partners
WHEN OLD.status IS NOT NEW.status OR OLD.institution_id IS NOT NEW.institution_id BEGIN
  DELETE FROM proposal_search WHERE rowid IN (NEW.proposal_id);
  INSERT INTO proposal_search (rowid, reference, title, institutions)
  SELECT p.id, coalesce(p.reference, ''), p.title,
    (SELECT group_concat(names.name, ' · ') FROM (
       SELECT i.name FROM institutions i WHERE i.id = p.lead_institution_id
       UNION ALL
       SELECT i.name FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status <> 'declined') AS names)
  FROM proposals p WHERE p.id IN (NEW.proposal_id);
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_partner_deleted AFTER DELETE ON proposal_partners BEGIN
  DELETE FROM proposal_search WHERE rowid IN (OLD.proposal_id);
  INSERT INTO proposal_search (rowid, reference, title, institutions)
  SELECT p.id, coalesce(p.reference, ''), p.title,
    (SELECT group_concat(names.name, ' · ') FROM (
       SELECT i.name FROM institutions i WHERE i.id = p.lead_institution_id
       UNION ALL
       SELECT i.name FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status <> 'declined') AS names)
  FROM proposals p WHERE p.id IN (OLD.proposal_id);
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_institution_renamed AFTER UPDATE OF name ON institutions WHEN OLD.name IS NOT NEW.name BEGIN
  DELETE FROM proposal_search WHERE rowid IN (SELECT id FROM proposals WHERE lead_institution_id = NEW.id UNION SELECT proposal_id FROM proposal_partners WHERE institution_id = NEW.id);
  INSERT INTO proposal_search (rowid, reference, title, institutions)
  SELECT p.id, coalesce(p.reference, ''), p.title,
    (SELECT group_concat(names.name, ' · ') FROM (
       SELECT i.name FROM institutions i WHERE i.id = p.lead_institution_id
       UNION ALL
       SELECT i.name FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status <> 'declined') AS names)
  FROM proposals p WHERE p.id IN (SELECT id FROM proposals WHERE lead_institution_id = NEW.id UNION SELECT proposal_id FROM proposal_partners WHERE institution_id = NEW.id);
END
--> statement-breakpoint
-- The themes and kinds of support of each proposal's content, as rows to filter on.
CREATE TRIGGER proposal_topics_proposal_inserted AFTER INSERT ON proposals BEGIN
  INSERT OR IGNORE INTO proposal_topics (proposal_id, kind, topic)
  SELECT NEW.id, 'theme', value FROM json_each(NEW.content, '$.themes') WHERE json_type(NEW.content, '$.themes') = 'array' AND type = 'text'
  UNION ALL
  SELECT NEW.id, 'supportKind', value FROM json_each(NEW.content, '$.supportKinds') WHERE json_type(NEW.content, '$.supportKinds') = 'array' AND type = 'text';
END
--> statement-breakpoint
CREATE TRIGGER proposal_topics_content_updated AFTER UPDATE OF content ON proposals
WHEN json_extract(OLD.content, '$.themes') IS NOT json_extract(NEW.content, '$.themes')
  OR json_extract(OLD.content, '$.supportKinds') IS NOT json_extract(NEW.content, '$.supportKinds') BEGIN
  DELETE FROM proposal_topics WHERE proposal_id = NEW.id;
  INSERT OR IGNORE INTO proposal_topics (proposal_id, kind, topic)
  SELECT NEW.id, 'theme', value FROM json_each(NEW.content, '$.themes') WHERE json_type(NEW.content, '$.themes') = 'array' AND type = 'text'
  UNION ALL
  SELECT NEW.id, 'supportKind', value FROM json_each(NEW.content, '$.supportKinds') WHERE json_type(NEW.content, '$.supportKinds') = 'array' AND type = 'text';
END
--> statement-breakpoint
-- The proposals there already.
INSERT INTO proposal_search (rowid, reference, title, institutions)
  SELECT p.id, coalesce(p.reference, ''), p.title,
    (SELECT group_concat(names.name, ' · ') FROM (
       SELECT i.name FROM institutions i WHERE i.id = p.lead_institution_id
       UNION ALL
       SELECT i.name FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status <> 'declined') AS names)
  FROM proposals p WHERE p.id IN (SELECT id FROM proposals);
--> statement-breakpoint
INSERT OR IGNORE INTO proposal_topics (proposal_id, kind, topic)
  SELECT p.id, 'theme', t.value FROM proposals p, json_each(p.content, '$.themes') t WHERE json_type(p.content, '$.themes') = 'array' AND t.type = 'text'
  UNION ALL
  SELECT p.id, 'supportKind', t.value FROM proposals p, json_each(p.content, '$.supportKinds') t WHERE json_type(p.content, '$.supportKinds') = 'array' AND t.type = 'text';
