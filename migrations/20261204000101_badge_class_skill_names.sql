-- The skills a badge class stands for (its Open Badges tags): its own, in the catalog's
-- order; a certification that lists none takes those of its exams, each once, by name.
CREATE VIEW badge_class_effective_skills AS
SELECT bs.badge_class_id, bs.skill_id, bs.position::integer AS position
  FROM badge_class_skills bs
UNION ALL
SELECT inherited.certification_id, inherited.skill_id,
       (row_number() OVER (PARTITION BY inherited.certification_id
                           ORDER BY inherited.name, inherited.skill_id) - 1)::integer
  FROM (SELECT DISTINCT ce.certification_id, k.id AS skill_id, k.name
          FROM certification_exams ce
          JOIN badge_class_skills es ON es.badge_class_id = ce.exam_id
          JOIN skills k ON k.id = es.skill_id
         WHERE NOT EXISTS (SELECT 1 FROM badge_class_skills own
                            WHERE own.badge_class_id = ce.certification_id)) AS inherited;

-- The names of those skills, in order: what pages and Open Badges documents show.
CREATE FUNCTION badge_class_skill_names(class_id bigint) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM badge_class_skills WHERE badge_class_id = class_id)
        THEN ARRAY(SELECT k.name FROM badge_class_skills bs JOIN skills k ON k.id = bs.skill_id
                    WHERE bs.badge_class_id = class_id ORDER BY bs.position)
        ELSE ARRAY(SELECT DISTINCT k.name
                     FROM certification_exams ce
                     JOIN badge_class_skills es ON es.badge_class_id = ce.exam_id
                     JOIN skills k ON k.id = es.skill_id
                    WHERE ce.certification_id = class_id
                    ORDER BY k.name)
    END
    $$;
