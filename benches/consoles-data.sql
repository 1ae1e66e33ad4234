-- Generator of the console benchmark (benches/consoles.sh): 100,000 candidate accounts and
-- 25,000 addresses no account holds, each with 8 exam results and their 8 awards (1,000,000
-- of each), one email per award in the outbox (one in 1,000 failed), a pending address link
-- per 100 accounts. Names are drawn from about 100 given and 200 family names, so that names are
-- shared as in real life. Run by psql on a throwaway cluster where the demo catalog is loaded.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE given_names (n int PRIMARY KEY, name text);
INSERT INTO given_names SELECT n, name FROM unnest(string_to_array(
  'Ada,Alan,Grace,Linus,Maria,Jose,Wei,Li,Fatima,Amina,Olga,Ivan,Hans,Lukas,Emma,Noah,Liam,Olivia,Sofia,Mateo,'
  'Lucas,Mia,Leon,Anna,Paul,Lea,Ben,Hannah,Elias,Lena,Yuki,Haruto,Sakura,Ren,Aarav,Priya,Arjun,Ananya,Chen,Mei,'
  'Omar,Layla,Yusuf,Zara,Kwame,Ama,Kofi,Abena,Diego,Valentina,Santiago,Camila,Pedro,Beatriz,Joao,Ines,Pierre,'
  'Camille,Louis,Chloe,Jules,Manon,Marco,Giulia,Luca,Chiara,Sven,Astrid,Lars,Ingrid,Piotr,Zofia,Jan,Eva,Tomas,'
  'Petra,Nikos,Eleni,Dimitri,Katarina,Mehmet,Elif,Can,Zeynep,Raj,Sunita,Vikram,Kavya,Samuel,Ruth,David,Sarah,'
  'Daniel,Rachel,Michael', ',')) WITH ORDINALITY AS t(name, n);
CREATE TEMP TABLE family_names (n int PRIMARY KEY, name text);
INSERT INTO family_names
SELECT n, name FROM unnest(string_to_array(
  'Smith,Johnson,Williams,Brown,Jones,Garcia,Miller,Davis,Rodriguez,Martinez,Hernandez,Lopez,Gonzalez,Wilson,'
  'Anderson,Thomas,Taylor,Moore,Jackson,Martin,Lee,Perez,Thompson,White,Harris,Sanchez,Clark,Ramirez,Lewis,'
  'Robinson,Walker,Young,Allen,King,Wright,Scott,Torres,Nguyen,Hill,Flores,Green,Adams,Nelson,Baker,Hall,'
  'Rivera,Campbell,Mitchell,Carter,Roberts,Muller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,'
  'Hoffmann,Koch,Richter,Klein,Wolf,Schroder,Neumann,Schwarz,Braun,Zimmermann,Kruger,Hofmann,Hartmann,Lange,'
  'Schmitt,Werner,Krause,Meier,Lehmann,Schmid,Dubois,Durand,Lefebvre,Moreau,Laurent,Simon,Michel,Leroy,Roux,'
  'David,Bertrand,Morel,Fournier,Girard,Bonnet,Dupont,Lambert,Fontaine,Rousseau,Vincent,Rossi,Russo,Ferrari,'
  'Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,DeLuca,Mancini,Costa,Giordano,Rizzo,'
  'Lombardi,Moretti,Silva,Santos,Ferreira,Pereira,Oliveira,Rodrigues,Alves,Lima,Gomes,Ribeiro,Carvalho,Almeida,'
  'Sousa,Fernandes,Kowalski,Nowak,Wisniewski,Wojcik,Kaminski,Lewandowski,Zielinski,Szymanski,Novak,Svoboda,'
  'Dvorak,Cerny,Prochazka,Kucera,Jensen,Nielsen,Hansen,Pedersen,Andersen,Larsen,Johansson,Karlsson,Nilsson,'
  'Eriksson,Larsson,Olsson,Persson,Svensson,Gustafsson,Yilmaz,Kaya,Demir,Sahin,Celik,Yildiz,Wang,Zhang,Liu,'
  'Chen,Yang,Huang,Zhao,Wu,Zhou,Xu,Sun,Ma,Zhu,Hu,Guo,He,Lin,Gao,Luo,Sato,Suzuki,Takahashi,Tanaka,Watanabe,'
  'Ito,Yamamoto,Nakamura,Kobayashi,Kato,Kim,Park,Choi,Jung,Kang,Cho,Yoon,Jang,Lim,Han,Patel,Sharma,Singh,'
  'Kumar,Gupta,Shah,Mehta,Joshi,Desai,Reddy,Rao,Iyer,Nair,Menon,Pillai,Okafor,Adeyemi,Mensah,Boateng,Diallo', ','))
  WITH ORDINALITY AS t(name, n);

-- Person i: an account when i <= 100,000, else an address nobody holds.
CREATE TEMP TABLE people AS
SELECT i,
       CASE WHEN i <= 100000 THEN 'c' || i || '@example.com' ELSE 'u' || i || '@example.org' END AS email,
       g.name AS given, f.name AS family
  FROM generate_series(1, 125000) i
  JOIN given_names g ON g.n = 1 + i % (SELECT count(*) FROM given_names)
  JOIN family_names f ON f.n = 1 + (i / 97) % (SELECT count(*) FROM family_names);

INSERT INTO candidates (id, display_name, locale, created_at)
OVERRIDING SYSTEM VALUE
SELECT 1000000 + i, given || ' ' || family, CASE WHEN i % 5 = 0 THEN 'fr' ELSE 'en' END,
       now() - make_interval(mins => i)
  FROM people WHERE i <= 100000;
SELECT setval(pg_get_serial_sequence('candidates', 'id'), (SELECT max(id) FROM candidates));
INSERT INTO candidate_emails (candidate_id, email, verified_at, is_primary)
SELECT 1000000 + i, email, now(), true FROM people WHERE i <= 100000;

CREATE TEMP TABLE exams AS
SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, code FROM badge_classes WHERE kind = 'exam';

-- Eight different exams per person: exam (7i + 3k) mod the number of exams, k = 0..7.
CREATE TEMP TABLE passes AS
SELECT p.i, k, 1000000 + (p.i - 1) * 8 + k AS n, p.email, p.given, p.family, e.id AS exam_id,
       e.code, date '2019-01-01' + ((p.i * 13 + k * 101) % 2500) AS passed_on
  FROM people p CROSS JOIN generate_series(0, 7) k
  JOIN exams e ON e.n = (7 * p.i + 3 * k) % (SELECT count(*) FROM exams);

INSERT INTO results (id, source, result_id, email, email_normalized, given_name, family_name,
                     exam_code, exam_id, passed_on, locale, outcome)
OVERRIDING SYSTEM VALUE
SELECT n, 'pearsonvue', 'B-' || n, email, email, given, family, code, exam_id, passed_on, 'en-US',
       'awarded'
  FROM passes;
SELECT setval(pg_get_serial_sequence('results', 'id'), (SELECT max(id) FROM results));

INSERT INTO awards (id, badge_class_id, recipient_email, recipient_salt, result_id, candidate_id,
                    state, state_changed_at, accepted_at, issued_on)
SELECT 'bench-award-' || lpad(n::text, 12, '0'), exam_id, email, md5(n::text), n,
       CASE WHEN i <= 100000 THEN 1000000 + i END,
       CASE WHEN i <= 100000 AND k % 3 = 0 THEN 'accepted' ELSE 'pending' END, now(),
       CASE WHEN i <= 100000 AND k % 3 = 0 THEN now() END, passed_on
  FROM passes;

INSERT INTO outbox (recipient, kind, locale, data, award_id, state, attempts, sent_at, last_error)
SELECT email, 'badge_earned', 'en', '{}', 'bench-award-' || lpad(n::text, 12, '0'),
       CASE WHEN n % 1000 = 0 THEN 'failed' ELSE 'sent' END, 1,
       CASE WHEN n % 1000 = 0 THEN NULL ELSE now() END,
       CASE WHEN n % 1000 = 0 THEN '550 mailbox unavailable' END
  FROM passes;

-- An address waiting for its link, one per 100 accounts (the missing-badge view reads them).
INSERT INTO email_links (token_hash, purpose, email, candidate_id, created_at, expires_at)
SELECT md5(i::text) || md5((i + 1)::text), 'add_email', 'u' || (100000 + i) || '@example.org',
       1000000 + i, now(), now() + interval '1 day'
  FROM generate_series(1, 100000, 100) i;
COMMIT;
ANALYZE;
