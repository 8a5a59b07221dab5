-- +goose Up
-- Which reports a PDSA cycle works on, in one place: a cycle linked to the
-- report from its own side (improvement_links), from the report's side
-- (issue_links), or linked to the problem the report is grouped under. The
-- reporter's view of a report (services/issues) and the notification of a
-- cycle's decision to reporters (services/cycles) both read it, so the two
-- can never disagree about who a cycle concerns. A filter on issue_id or
-- cycle_id is pushed into each branch, where an index serves it
-- (improvement_links_target_idx or its primary key, issue_links' primary key
-- or issue_links_target_idx, issues_problem_idx).
CREATE VIEW cycle_reports AS
    SELECT target_id AS issue_id, entity_id AS cycle_id, 'report'::text AS via
    FROM improvement_links
    WHERE entity_type = 'cycle' AND target_type = 'issue'
    UNION ALL
    SELECT issue_id, target_id, 'report'::text
    FROM issue_links
    WHERE target_type = 'cycle'
    UNION ALL
    SELECT i.id, l.entity_id, 'problem'::text
    FROM issues i
    JOIN improvement_links l ON l.entity_type = 'cycle' AND l.target_type = 'problem' AND l.target_id = i.problem_id;

-- +goose Down
DROP VIEW cycle_reports;
