-- The provider's name for the person, kept when a provider account is linked, so that
-- settings can say which provider account is connected when the provider confirmed no
-- address (the subject is shown when it gave neither). Same bounds as a display name.
ALTER TABLE identities
  ADD COLUMN name text CHECK (name IS NULL OR length(name) BETWEEN 1 AND 100);
