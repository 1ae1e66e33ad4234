-- The time of the last catalog change (`awards::public_version`, read by every request for a
-- public badge page) is read from these indexes instead of scanning the catalog.
CREATE INDEX badge_classes_updated_at_idx ON badge_classes (updated_at);
CREATE INDEX issuers_updated_at_idx ON issuers (updated_at);
