-- Data of the Career benchmark (benches/career.sh), over the demo's own (the OEWS wages, the
-- catalog's mapping and skills, 300 demo postings): wages for occupations and areas the demo
-- lacks, more mappings of the badge classes (one to three each, where a place is free), and
-- 100,000 job postings with a realistic
-- spread: 30 employers, 50 states, a fifth remote, three in five with a salary, 10% expired,
-- about a third asking for a certification by name, most for one or two occupations, each for
-- three skills. The demo candidate's badges are accepted (and made current).

BEGIN;

INSERT INTO wage_releases (source, release)
VALUES ('U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics', 'May 2025')
ON CONFLICT DO NOTHING;

INSERT INTO wage_areas (area_code, kind, name, states) VALUES ('0000000', 'national', 'U.S.', '{}')
ON CONFLICT DO NOTHING;
INSERT INTO wage_areas (area_code, kind, name, states)
SELECT lpad(fips::text, 7, '0'), 'state', name, ARRAY[code]
  FROM (VALUES (1,'AL','Alabama'),(2,'AK','Alaska'),(4,'AZ','Arizona'),(5,'AR','Arkansas'),
               (6,'CA','California'),(8,'CO','Colorado'),(9,'CT','Connecticut'),(10,'DE','Delaware'),
               (12,'FL','Florida'),(13,'GA','Georgia'),(15,'HI','Hawaii'),(16,'ID','Idaho'),
               (17,'IL','Illinois'),(18,'IN','Indiana'),(19,'IA','Iowa'),(20,'KS','Kansas'),
               (21,'KY','Kentucky'),(22,'LA','Louisiana'),(23,'ME','Maine'),(24,'MD','Maryland'),
               (25,'MA','Massachusetts'),(26,'MI','Michigan'),(27,'MN','Minnesota'),(28,'MS','Mississippi'),
               (29,'MO','Missouri'),(30,'MT','Montana'),(31,'NE','Nebraska'),(32,'NV','Nevada'),
               (33,'NH','New Hampshire'),(34,'NJ','New Jersey'),(35,'NM','New Mexico'),(36,'NY','New York'),
               (37,'NC','North Carolina'),(38,'ND','North Dakota'),(39,'OH','Ohio'),(40,'OK','Oklahoma'),
               (41,'OR','Oregon'),(42,'PA','Pennsylvania'),(44,'RI','Rhode Island'),(45,'SC','South Carolina'),
               (46,'SD','South Dakota'),(47,'TN','Tennessee'),(48,'TX','Texas'),(49,'UT','Utah'),
               (50,'VT','Vermont'),(51,'VA','Virginia'),(53,'WA','Washington'),(54,'WV','West Virginia'),
               (55,'WI','Wisconsin'),(56,'WY','Wyoming')) AS s(fips, code, name)
ON CONFLICT DO NOTHING;
INSERT INTO wage_areas (area_code, kind, name, states)
VALUES ('0012420', 'metro', 'Austin-Round Rock-San Marcos, TX', '{TX}')
ON CONFLICT DO NOTHING;

INSERT INTO occupations (soc_code, title) VALUES
  ('15-1211', 'Computer Systems Analysts'), ('15-1212', 'Information Security Analysts'),
  ('15-1231', 'Computer Network Support Specialists'), ('15-1232', 'Computer User Support Specialists'),
  ('15-1241', 'Computer Network Architects'), ('15-1242', 'Database Administrators'),
  ('15-1243', 'Database Architects'), ('15-1244', 'Network and Computer Systems Administrators'),
  ('15-1252', 'Software Developers'), ('15-1253', 'Software Quality Assurance Analysts and Testers'),
  ('15-2051', 'Data Scientists'), ('43-9061', 'Office Clerks, General')
ON CONFLICT DO NOTHING;

-- Wages: the nation and every state, spread around a median per occupation.
INSERT INTO wages (soc_code, area_code, release_id, employment, p10, p25, p50, p75, p90)
SELECT o.soc_code, a.area_code, (SELECT max(id) FROM wage_releases),
       1000 + (abs(hashtext(o.soc_code || a.area_code)) % 50000),
       (m * f * 0.62)::int, (m * f * 0.79)::int, (m * f)::int, (m * f * 1.26)::int, (m * f * 1.55)::int
  FROM (SELECT soc_code, 40000 + (abs(hashtext(soc_code)) % 90000) AS m FROM occupations) o,
       (SELECT area_code, 0.8 + (abs(hashtext(area_code)) % 40) / 100.0 AS f FROM wage_areas) a
ON CONFLICT DO NOTHING;

-- Every badge class leads to one to three occupations (the catalog's, and these where free).
INSERT INTO badge_class_occupations (badge_class_id, soc_code, position, reason)
SELECT b.id, o.soc_code, n - 1, 'Benchmark mapping'
  FROM badge_classes b,
       generate_series(1, 1 + b.id::int % 3) AS n,
       LATERAL (SELECT soc_code FROM occupations ORDER BY soc_code
                 OFFSET (b.id::int * 5 + n * 3) % 12 LIMIT 1) o
ON CONFLICT DO NOTHING;

-- 100,000 postings.
CREATE TEMP TABLE bench_orgs AS
SELECT ARRAY['Contoso', 'Fabrikam', 'Northwind Traders', 'Adventure Works', 'Tailspin Toys',
             'Wide World Importers', 'Litware', 'Proseware', 'Coho Winery', 'Alpine Ski House',
             'Blue Yonder Airlines', 'City Power & Light', 'Consolidated Messenger', 'Fourth Coffee',
             'Graphic Design Institute', 'Humongous Insurance', 'Lamna Healthcare', 'Lucerne Publishing',
             'Margie''s Travel', 'Relecloud', 'School of Fine Art', 'Southridge Video', 'Trey Research',
             'VanArsdel', 'WingTip Toys', 'Woodgrove Bank', 'A. Datum', 'Bellows College',
             'Best For You Organics', 'Munson''s Pickles and Preserves Farm'] AS orgs,
       ARRAY['Cloud Administrator', 'Azure Engineer', 'Systems Administrator', 'Security Analyst',
             'DevOps Engineer', 'Data Engineer', 'Cloud Solutions Architect', 'Software Developer',
             'IT Support Specialist', 'Database Administrator', 'Network Engineer', 'Office Assistant'] AS titles,
       (SELECT array_agg(code ORDER BY fips) FROM (VALUES
          (1,'AL'),(2,'AK'),(4,'AZ'),(5,'AR'),(6,'CA'),(8,'CO'),(9,'CT'),(10,'DE'),(12,'FL'),(13,'GA'),
          (15,'HI'),(16,'ID'),(17,'IL'),(18,'IN'),(19,'IA'),(20,'KS'),(21,'KY'),(22,'LA'),(23,'ME'),(24,'MD'),
          (25,'MA'),(26,'MI'),(27,'MN'),(28,'MS'),(29,'MO'),(30,'MT'),(31,'NE'),(32,'NV'),(33,'NH'),(34,'NJ'),
          (35,'NM'),(36,'NY'),(37,'NC'),(38,'ND'),(39,'OH'),(40,'OK'),(41,'OR'),(42,'PA'),(44,'RI'),(45,'SC'),
          (46,'SD'),(47,'TN'),(48,'TX'),(49,'UT'),(50,'VT'),(51,'VA'),(53,'WA'),(54,'WV'),(55,'WI'),(56,'WY'))
          AS s(fips, code)) AS states,
       (SELECT array_agg(id ORDER BY id) FROM badge_classes) AS classes,
       (SELECT array_agg(soc_code ORDER BY soc_code) FROM occupations) AS socs,
       (SELECT array_agg(id ORDER BY id) FROM skills) AS skill_ids;

INSERT INTO job_postings (source_key, title, organization, remote, locality, state, country,
                          date_posted, valid_through, salary_currency, salary_min, salary_max,
                          salary_unit, annual_salary_min, annual_salary_max, apply_url, demo)
SELECT 'bench-' || g,
       titles[1 + g % 12], orgs[1 + (g * 7) % 30], g % 5 = 0, NULL,
       states[1 + (g * 13) % 50], 'US',
       current_date - 1 - (g % 60),
       CASE WHEN g % 10 = 0 THEN (current_date - 1)::timestamptz
            ELSE now() + make_interval(days => 1 + g % 90) END,
       CASE WHEN g % 5 < 3 THEN 'USD' END,
       CASE WHEN g % 5 < 3 THEN 50000 + (g * 37) % 100 * 1000 END,
       CASE WHEN g % 5 < 3 THEN 70000 + (g * 37) % 100 * 1000 + (g % 4) * 10000 END,
       CASE WHEN g % 5 < 3 THEN 'YEAR' END,
       CASE WHEN g % 5 < 3 THEN 50000 + (g * 37) % 100 * 1000 END,
       CASE WHEN g % 5 < 3 THEN 70000 + (g * 37) % 100 * 1000 + (g % 4) * 10000 END,
       'https://jobs.example.com/bench-' || g, true
  FROM bench_orgs, generate_series(1, 100000) AS g;

INSERT INTO job_posting_badge_classes (posting_id, badge_class_id)
SELECT p.id, classes[1 + (p.id::int * 11) % cardinality(classes)]
  FROM job_postings p, bench_orgs
 WHERE p.source_key LIKE 'bench-%' AND p.id % 3 = 0
ON CONFLICT DO NOTHING;
INSERT INTO job_posting_occupations (posting_id, soc_code)
SELECT p.id, socs[1 + (p.id::int * 7 + n) % 12]
  FROM job_postings p, bench_orgs, generate_series(0, 1) AS n
 WHERE p.source_key LIKE 'bench-%' AND p.id % 5 <> 0 AND (n = 0 OR p.id % 2 = 0)
ON CONFLICT DO NOTHING;
INSERT INTO job_posting_skills (posting_id, skill_id)
SELECT p.id, skill_ids[1 + (p.id::int * 17 + n * 29) % cardinality(skill_ids)]
  FROM job_postings p, bench_orgs, generate_series(0, 2) AS n
 WHERE p.source_key LIKE 'bench-%'
ON CONFLICT DO NOTHING;

-- The demo candidate's badges, accepted and current.
UPDATE awards SET state = 'accepted', accepted_at = now(), state_changed_at = now(), expires_on = NULL
 WHERE candidate_id = (SELECT candidate_id FROM candidate_emails WHERE email = 'lukas.becker@example.de')
   AND state = 'pending';

COMMIT;
ANALYZE;
