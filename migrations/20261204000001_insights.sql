-- Career insights: skills as rows of their own, occupations (Standard Occupational
-- Classification), the wages of the US Bureau of Labor Statistics (OEWS), job postings.

-- A skill, shared by the badge classes (their Open Badges tags) and the job postings.
CREATE TABLE skills (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text NOT NULL CHECK (length(name) BETWEEN 1 AND 100 AND name = btrim(name))
);
-- One skill, whatever its letter case.
CREATE UNIQUE INDEX skills_name_key ON skills (lower(name));

-- The skills of a badge class, in the catalog's order.
CREATE TABLE badge_class_skills (
    badge_class_id  bigint NOT NULL REFERENCES badge_classes (id) ON DELETE CASCADE,
    skill_id        bigint NOT NULL REFERENCES skills (id),
    position        smallint NOT NULL CHECK (position >= 0),
    PRIMARY KEY (badge_class_id, skill_id),
    UNIQUE (badge_class_id, position)
);
CREATE INDEX badge_class_skills_skill_idx ON badge_class_skills (skill_id);

-- The skills the catalog listed so far become rows (the first spelling of each wins).
INSERT INTO skills (name)
SELECT DISTINCT ON (lower(btrim(skill))) btrim(skill)
  FROM badge_classes, unnest(skills) WITH ORDINALITY AS s(skill, n)
 WHERE btrim(skill) <> ''
 ORDER BY lower(btrim(skill)), badge_classes.id, n;
INSERT INTO badge_class_skills (badge_class_id, skill_id, position)
SELECT b.id, k.id, (row_number() OVER (PARTITION BY b.id ORDER BY min(s.n)) - 1)::smallint
  FROM badge_classes b, unnest(b.skills) WITH ORDINALITY AS s(skill, n)
  JOIN skills k ON lower(k.name) = lower(btrim(s.skill))
 GROUP BY b.id, k.id;

-- An occupation of the Standard Occupational Classification (2018), e.g. 15-1244.
CREATE TABLE occupations (
    soc_code  text PRIMARY KEY CHECK (soc_code ~ '^[0-9]{2}-[0-9]{4}$'),
    title     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200)
);

-- An occupation's title in another language than the source's English (from the catalog).
CREATE TABLE occupation_titles (
    soc_code  text NOT NULL REFERENCES occupations (soc_code) ON DELETE CASCADE,
    locale    text NOT NULL CHECK (locale ~ '^[a-z]{2}$' AND locale <> 'en'),
    title     text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    PRIMARY KEY (soc_code, locale)
);

-- The one to three occupations a badge class leads to, each with the catalog's reason.
CREATE TABLE badge_class_occupations (
    badge_class_id  bigint NOT NULL REFERENCES badge_classes (id) ON DELETE CASCADE,
    soc_code        text NOT NULL REFERENCES occupations (soc_code),
    position        smallint NOT NULL CHECK (position BETWEEN 0 AND 2),
    reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 300),
    PRIMARY KEY (badge_class_id, soc_code),
    UNIQUE (badge_class_id, position)
);
CREATE INDEX badge_class_occupations_soc_idx ON badge_class_occupations (soc_code);

-- An area of the wage data: the nation, a state (or territory) or a metropolitan area.
CREATE TABLE wage_areas (
    area_code  text PRIMARY KEY CHECK (area_code ~ '^[0-9]{7}$'),
    kind       text NOT NULL CHECK (kind IN ('national', 'state', 'metro')),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- the postal codes of the states the area lies in (a metro area may span several);
    -- empty for the nation
    states     text[] NOT NULL DEFAULT '{}'
               CHECK (array_position(states, NULL) IS NULL),
    CHECK ((kind = 'national') = (cardinality(states) = 0))
);

-- Where the wage data comes from: one row per load of a data file.
CREATE TABLE wage_releases (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source     text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
    release    text NOT NULL CHECK (length(release) BETWEEN 1 AND 100),
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source, release)
);

-- Employment and annual wage percentiles (US dollars) of an occupation in an area, all
-- industries together. A NULL figure is one the source does not publish; `*_at_least` marks
-- a figure the source gives only as a floor ("$239,200 or more").
CREATE TABLE wages (
    soc_code        text NOT NULL REFERENCES occupations (soc_code),
    area_code       text NOT NULL REFERENCES wage_areas (area_code),
    release_id      bigint NOT NULL REFERENCES wage_releases (id),
    employment      integer CHECK (employment >= 0),
    p10             integer CHECK (p10 > 0),
    p25             integer CHECK (p25 > 0),
    p50             integer CHECK (p50 > 0),
    p75             integer CHECK (p75 > 0),
    p90             integer CHECK (p90 > 0),
    p10_at_least    boolean NOT NULL DEFAULT false,
    p25_at_least    boolean NOT NULL DEFAULT false,
    p50_at_least    boolean NOT NULL DEFAULT false,
    p75_at_least    boolean NOT NULL DEFAULT false,
    p90_at_least    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (soc_code, area_code),
    CHECK (p10 <= p25 AND p25 <= p50 AND p50 <= p75 AND p75 <= p90)
);

-- The area a candidate picked for the wages and postings of the Career page.
ALTER TABLE candidates
    ADD COLUMN career_area text REFERENCES wage_areas (area_code) ON DELETE SET NULL;

-- A job posting, as an employer sent it (schema.org JobPosting).
CREATE TABLE job_postings (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- the posting's own identifier (its `identifier`, else its URL): a re-import of the same
    -- posting updates this row
    source_key          text NOT NULL UNIQUE CHECK (length(source_key) BETWEEN 1 AND 500),
    title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    organization        text NOT NULL CHECK (length(organization) BETWEEN 1 AND 200),
    organization_url    text CHECK (organization_url ~ '^https://'),
    description         text CHECK (length(description) <= 10000),
    remote              boolean NOT NULL DEFAULT false,
    locality            text CHECK (length(locality) BETWEEN 1 AND 200),
    -- US postal code of the state, when the posting is in the United States
    state               text CHECK (state ~ '^[A-Z]{2}$'),
    country             text CHECK (country ~ '^[A-Z]{2}$'),
    date_posted         date NOT NULL,
    valid_through       timestamptz NOT NULL,
    salary_currency     text CHECK (salary_currency ~ '^[A-Z]{3}$'),
    salary_min          numeric(12, 2) CHECK (salary_min >= 0),
    salary_max          numeric(12, 2),
    salary_unit         text CHECK (salary_unit IN ('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR')),
    -- the salary as a yearly amount (for the filter), when it is given
    annual_salary_min   integer CHECK (annual_salary_min >= 0),
    annual_salary_max   integer,
    apply_url           text NOT NULL CHECK (apply_url ~ '^https://' AND length(apply_url) <= 2000),
    -- generated demo data: every page that shows it says so
    demo                boolean NOT NULL DEFAULT false,
    imported_at         timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (salary_max >= salary_min),
    CHECK (annual_salary_max >= annual_salary_min),
    CHECK ((salary_min IS NULL) = (salary_currency IS NULL) AND (salary_min IS NULL) = (salary_unit IS NULL)),
    CHECK (valid_through::date >= date_posted),
    CHECK (remote OR locality IS NOT NULL OR state IS NOT NULL OR country IS NOT NULL)
);
CREATE INDEX job_postings_valid_through_idx ON job_postings (valid_through);

-- What a posting asks for: certifications and exams by code, occupations, skills.
CREATE TABLE job_posting_badge_classes (
    posting_id      bigint NOT NULL REFERENCES job_postings (id) ON DELETE CASCADE,
    badge_class_id  bigint NOT NULL REFERENCES badge_classes (id) ON DELETE CASCADE,
    PRIMARY KEY (posting_id, badge_class_id)
);
CREATE INDEX job_posting_badge_classes_class_idx ON job_posting_badge_classes (badge_class_id, posting_id);

CREATE TABLE job_posting_occupations (
    posting_id  bigint NOT NULL REFERENCES job_postings (id) ON DELETE CASCADE,
    soc_code    text NOT NULL CHECK (soc_code ~ '^[0-9]{2}-[0-9]{4}$'),
    PRIMARY KEY (posting_id, soc_code)
);
CREATE INDEX job_posting_occupations_soc_idx ON job_posting_occupations (soc_code, posting_id);

CREATE TABLE job_posting_skills (
    posting_id  bigint NOT NULL REFERENCES job_postings (id) ON DELETE CASCADE,
    skill_id    bigint NOT NULL REFERENCES skills (id),
    PRIMARY KEY (posting_id, skill_id)
);
CREATE INDEX job_posting_skills_skill_idx ON job_posting_skills (skill_id, posting_id);
