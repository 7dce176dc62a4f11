-- The six Western Balkan countries are reference data every installation needs, not demo data.
INSERT INTO countries (code, name, needs_designation_footnote, sort_order) VALUES
  ('AL', 'Albania', 0, 1),
  ('BA', 'Bosnia and Herzegovina', 0, 2),
  ('XK', 'Kosovo', 1, 3),
  ('ME', 'Montenegro', 0, 4),
  ('MK', 'North Macedonia', 0, 5),
  ('RS', 'Serbia', 0, 6);
