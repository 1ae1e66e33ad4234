-- Staff: a candidate account may also hold the roles of the consoles. `support` opens
-- /support, `admin` opens /admin (and /support: an admin can do what support does).
CREATE TABLE staff_roles (
    candidate_id  bigint NOT NULL REFERENCES candidates (id) ON DELETE CASCADE,
    role          text NOT NULL CHECK (role IN ('support', 'admin')),
    granted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (candidate_id, role)
);
