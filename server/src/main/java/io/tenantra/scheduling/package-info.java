/**
 * Scheduled scans: per-tenant scan profiles (what to scan, which agents, how many at once), cron
 * schedules in a time zone with their run history, blackout windows (per tenant and per agent
 * tag) that defer or skip runs and keep agents out of every scan, and the console notice that
 * tells a schedule's owner a run finished. Runs are started by db-scheduler on PostgreSQL, so
 * with several server processes each due run starts exactly once.
 * Starts scans only through {@link io.tenantra.agents.Scans}; learns how they ended from
 * {@link io.tenantra.agents.ScanFinished} and {@link io.tenantra.agents.ScanJobResultStored}; tells
 * the agents module which agents are in a blackout by implementing
 * {@link io.tenantra.agents.ScanBlackouts}. API under {@code /api/v1/tenants/{tenantId}/scan-profiles},
 * {@code /schedules} and {@code /blackout-windows}; pages under {@code /schedules} and
 * {@code /scan-profiles} in {@code io.tenantra.scheduling.web}; migrations under
 * {@code db/migration/scheduling/}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Scheduled scans",
        allowedDependencies = {"platform", "database", "tenancy", "identity", "console", "agents"})
package io.tenantra.scheduling;
