-- The program's catalog: issuers and the badge classes of their exams and certifications.

CREATE TABLE issuers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]*$' AND length(slug) <= 63),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    url         text NOT NULL CHECK (url ~ '^https?://'),
    email       text NOT NULL CHECK (position('@' IN email) > 1),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE badge_classes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer_id   bigint NOT NULL REFERENCES issuers (id),
    kind        text NOT NULL CHECK (kind IN ('exam', 'certification')),
    code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9-]*$' AND length(code) <= 63),
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    status      text NOT NULL CHECK (status IN ('active', 'retired')),
    retired_on  date,
    policy      text NOT NULL CHECK (policy IN ('eligible', 'excluded', 'legacy')),
    source      text,
    skills      text[] NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (status = 'retired' OR retired_on IS NULL),
    -- lets the tables below insist on the kind of the badge class they point at
    UNIQUE (id, kind)
);
-- Codes are public (they appear in Open Badges URLs): one code, whatever its letter case.
CREATE UNIQUE INDEX badge_classes_code_key ON badge_classes (lower(code));

-- The exams that together earn a certification.
CREATE TABLE certification_exams (
    certification_id    bigint NOT NULL,
    certification_kind  text NOT NULL DEFAULT 'certification' CHECK (certification_kind = 'certification'),
    exam_id             bigint NOT NULL,
    exam_kind           text NOT NULL DEFAULT 'exam' CHECK (exam_kind = 'exam'),
    PRIMARY KEY (certification_id, exam_id),
    FOREIGN KEY (certification_id, certification_kind) REFERENCES badge_classes (id, kind),
    FOREIGN KEY (exam_id, exam_kind) REFERENCES badge_classes (id, kind)
);

-- Certifications of which at least one must be held to earn a certification.
CREATE TABLE certification_prerequisites (
    certification_id    bigint NOT NULL,
    certification_kind  text NOT NULL DEFAULT 'certification' CHECK (certification_kind = 'certification'),
    prerequisite_id     bigint NOT NULL,
    prerequisite_kind   text NOT NULL DEFAULT 'certification' CHECK (prerequisite_kind = 'certification'),
    PRIMARY KEY (certification_id, prerequisite_id),
    CHECK (certification_id <> prerequisite_id),
    FOREIGN KEY (certification_id, certification_kind) REFERENCES badge_classes (id, kind),
    FOREIGN KEY (prerequisite_id, prerequisite_kind) REFERENCES badge_classes (id, kind)
);
