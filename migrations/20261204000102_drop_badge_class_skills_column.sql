-- The skills of a badge class are rows (`badge_class_skills`, filled from this column by
-- 20261204000001_insights.sql and written by `catalog load` since; read through
-- `badge_class_skill_names`): the column goes.
ALTER TABLE badge_classes DROP COLUMN skills;
