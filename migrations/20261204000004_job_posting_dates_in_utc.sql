-- A posting ends on or after the day it was posted, both read in UTC whatever the session's
-- time zone (the first form of this check read `valid_through` in the session's zone).
ALTER TABLE job_postings DROP CONSTRAINT job_postings_check3;
ALTER TABLE job_postings ADD CONSTRAINT job_postings_ends_after_posted
    CHECK ((valid_through AT TIME ZONE 'UTC')::date >= date_posted);
