-- Row-level security policies read the visible tenants once per statement, not once per row.
-- Every tenant policy was `tenant_id = ANY (visible_tenant_ids())`. The function is inlined, and
-- where a plan filters rows (a sequential scan, a join) its body, which parses the transaction's
-- setting into a uuid[], ran for every row: for an MSP or the platform operator who sees thousands
-- of tenants, reading a few thousand rows parsed a few thousand-element array a few thousand times
-- (the platform dashboard of the test suite's database took over ten seconds). As a scalar
-- sub-select (cast, so that ANY takes it as an array and not as a set of rows) the array is
-- computed once per statement (an InitPlan) and index scans still use it.
-- Same rows visible, same rows writable: only where the list is computed changes. New policies
-- are written this way (docs/architecture.md, "Tenant isolation in the database").
DO $$
DECLARE
    p record;
    using_expr text;
    check_expr text;
BEGIN
    FOR p IN
        SELECT schemaname, tablename, policyname, qual, with_check
        FROM pg_policies
        WHERE schemaname = 'public'
          AND (qual LIKE '%visible_tenant_ids()%' OR with_check LIKE '%visible_tenant_ids()%')
    LOOP
        using_expr := replace(p.qual, 'visible_tenant_ids()', '(SELECT visible_tenant_ids())::uuid[]');
        check_expr := replace(p.with_check, 'visible_tenant_ids()', '(SELECT visible_tenant_ids())::uuid[]');
        IF using_expr IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I.%I USING (%s)', p.policyname, p.schemaname, p.tablename, using_expr);
        END IF;
        IF check_expr IS NOT NULL THEN
            EXECUTE format('ALTER POLICY %I ON %I.%I WITH CHECK (%s)', p.policyname, p.schemaname, p.tablename, check_expr);
        END IF;
    END LOOP;
END $$;
