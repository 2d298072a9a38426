-- A compact binary copy of each module's items (agents.FactsCodec), read by fleet-wide analysis
-- (compliance re-evaluates every asset when its content changes) instead of printing and parsing the
-- jsonb. The jsonb stays the record of what the agent sent; this copy is derived from it. Results
-- stored before this column existed get their copy the first time they are read for analysis, which
-- is why the application may update this one column of an otherwise insert-only table.
ALTER TABLE module_result ADD COLUMN facts bytea;
GRANT UPDATE (facts) ON module_result TO ${app_role};
