-- The generation of the job postings: a number that changes with every statement that
-- changes a posting or what it asks for, visible exactly when that change commits. The site
-- keeps an in-memory index of the open postings for matching (src/insights/index.rs) and
-- rebuilds it when this number has moved.
--
-- One row, updated by statement-level triggers: a change costs one row update per statement
-- (not per row); two transactions that change postings at the same time take turns on this
-- row (imports are batches, so this is rare and short).
CREATE TABLE job_postings_generation (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    generation  bigint NOT NULL
);
INSERT INTO job_postings_generation (generation) VALUES (0);

CREATE FUNCTION job_postings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE job_postings_generation SET generation = generation + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER job_postings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON job_postings
    FOR EACH STATEMENT EXECUTE FUNCTION job_postings_changed();
CREATE TRIGGER job_postings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON job_posting_badge_classes
    FOR EACH STATEMENT EXECUTE FUNCTION job_postings_changed();
CREATE TRIGGER job_postings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON job_posting_occupations
    FOR EACH STATEMENT EXECUTE FUNCTION job_postings_changed();
CREATE TRIGGER job_postings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON job_posting_skills
    FOR EACH STATEMENT EXECUTE FUNCTION job_postings_changed();
