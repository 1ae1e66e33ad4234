-- Where to read about a release of the wage data (the pages link it under every chart).
ALTER TABLE wage_releases
    ADD COLUMN url text CHECK (url ~ '^https://' AND length(url) <= 500);
