-- Re-evaluation writes only the verdicts that changed. A verdict's digest (SHA-256 of everything
-- stored about it, first 8 bytes) tells the evaluator whether a freshly judged verdict differs
-- from the stored one without reading its evidence back. Unchanged rows are no longer rewritten,
-- so a row's own timestamp now says when the verdict last CHANGED (changed_at); when it was last
-- evaluated is the asset's evaluated_at, since every verdict of an asset is judged together.
ALTER TABLE compliance_result RENAME COLUMN evaluated_at TO changed_at;
ALTER TABLE compliance_result ADD COLUMN digest bigint NOT NULL DEFAULT 0;
