-- The TAF team's table searched and narrowed to a country in one FTS5 query: besides the words
-- (reference, title, institutions), each proposal's row holds the countries of its lead and
-- confirmed partners (`countries`) and of its partners still invited (`invited`; those take
-- part only while the proposal is open to partners, which the query asks of the proposal's
-- state, so no state is named here). Narrowing to a country over the proposals' rows read a
-- row and its partners for every proposal the words matched (31 ms at 10,000 proposals;
-- docs/performance.md, "Growth"); the index intersects the two lists instead.
DROP TRIGGER proposal_search_proposal_inserted;
--> statement-breakpoint
DROP TRIGGER proposal_search_proposal_updated;
--> statement-breakpoint
DROP TRIGGER proposal_search_partner_inserted;
--> statement-breakpoint
DROP TRIGGER proposal_search_partner_updated;
--> statement-breakpoint
DROP TRIGGER proposal_search_partner_deleted;
--> statement-breakpoint
DROP TRIGGER proposal_search_institution_renamed;
--> statement-breakpoint
DROP TABLE proposal_search;
--> statement-breakpoint
CREATE VIRTUAL TABLE proposal_search USING fts5(reference, title, institutions, countries, invited, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
-- What a proposal's row holds, said once for the backfill and for every trigger.
CREATE VIEW proposal_search_rows AS
  SELECT p.id AS id, coalesce(p.reference, '') AS reference, p.title AS title,
    (SELECT group_concat(names.name, ' · ') FROM (
       SELECT i.name FROM institutions i WHERE i.id = p.lead_institution_id
       UNION ALL
       SELECT i.name FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status <> 'declined') AS names) AS institutions,
    (SELECT group_concat(codes.code, ' ') FROM (
       SELECT i.country_code AS code FROM institutions i WHERE i.id = p.lead_institution_id
       UNION
       SELECT i.country_code FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status = 'confirmed') AS codes) AS countries,
    (SELECT group_concat(DISTINCT i.country_code) FROM proposal_partners pp JOIN institutions i ON i.id = pp.institution_id
       WHERE pp.proposal_id = p.id AND pp.status = 'invited') AS invited
  FROM proposals p;
--> statement-breakpoint
INSERT INTO proposal_search (rowid, reference, title, institutions, countries, invited)
  SELECT id, reference, title, institutions, countries, invited FROM proposal_search_rows;
--> statement-breakpoint
CREATE TRIGGER proposal_search_proposal_inserted AFTER INSERT ON proposals BEGIN
  DELETE FROM proposal_search WHERE rowid = NEW.id;
  INSERT INTO proposal_search (rowid, reference, title, institutions, countries, invited)
    SELECT id, reference, title, institutions, countries, invited FROM proposal_search_rows WHERE id = NEW.id;
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_proposal_updated AFTER UPDATE OF reference, title, lead_institution_id ON proposals
WHEN OLD.reference IS NOT NEW.reference OR OLD.title IS NOT NEW.title OR OLD.lead_institution_id IS NOT NEW.lead_institution_id BEGIN
  DELETE FROM proposal_search WHERE rowid = NEW.id;
  INSERT INTO proposal_search (rowid, reference, title, institutions, countries, invited)
    SELECT id, reference, title, institutions, countries, invited FROM proposal_search_rows WHERE id = NEW.id;
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_partner_inserted AFTER INSERT ON proposal_partners BEGIN
  DELETE FROM proposal_search WHERE rowid = NEW.proposal_id;
  INSERT INTO proposal_search (rowid, reference, title, institutions, countries, invited)
    SELECT id, reference, title, institutions, countries, invited FROM proposal_search_rows WHERE id = NEW.proposal_id;
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_partner_updated AFTER UPDATE OF status, institution_id, proposal_id ON proposal_partners
WHEN OLD.status IS NOT NEW.status OR OLD.institution_id IS NOT NEW.institution_id OR OLD.proposal_id IS NOT NEW.proposal_id BEGIN
  DELETE FROM proposal_search WHERE rowid IN (OLD.proposal_id, NEW.proposal_id);
  INSERT INTO proposal_search (rowid, reference, title, institutions, countries, invited)
    SELECT id, reference, title, institutions, countries, invited FROM proposal_search_rows WHERE id IN (OLD.proposal_id, NEW.proposal_id);
END
--> statement-breakpoint
CREATE TRIGGER proposal_search_partner_deleted AFTER DELETE ON proposal_partners BEGIN
  DELETE FROM proposal_search WHERE rowid = OLD.proposal_id;
  INSERT INTO proposal_search (rowid, reference, title, institutions, countries, invited)
    SELECT id, reference, title, institutions, countries, invited FROM proposal_search_rows WHERE id = OLD.proposal_id;
END
--> statement-breakpoint
-- A renamed institution is found by its new name; one whose country was corrected, in its new country.
CREATE TRIGGER proposal_search_institution_changed AFTER UPDATE OF name, country_code ON institutions
WHEN OLD.name IS NOT NEW.name OR OLD.country_code IS NOT NEW.country_code BEGIN
  DELETE FROM proposal_search WHERE rowid IN (SELECT id FROM proposals WHERE lead_institution_id = NEW.id UNION SELECT proposal_id FROM proposal_partners WHERE institution_id = NEW.id);
  INSERT INTO proposal_search (rowid, reference, title, institutions, countries, invited)
    SELECT id, reference, title, institutions, countries, invited FROM proposal_search_rows
    WHERE id IN (SELECT id FROM proposals WHERE lead_institution_id = NEW.id UNION SELECT proposal_id FROM proposal_partners WHERE institution_id = NEW.id);
END
