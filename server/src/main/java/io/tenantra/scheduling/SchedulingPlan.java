package io.tenantra.scheduling;

import io.tenantra.tenancy.Tenant;

/**
 * The plan rule for scheduling, as a pure function: FREE tenants have no scheduled scans (seed
 * 004 §3.3); every other plan has them. The web layer turns a refusal into a 403 problem that
 * names the plan, until the metering issue brings a plan problem type of its own.
 */
final class SchedulingPlan {

    private SchedulingPlan() {}

    /** Null when {@code plan} may schedule scans; otherwise why not. */
    static String refusal(Tenant.Plan plan) {
        if (plan == Tenant.Plan.FREE) {
            return "Scheduled scans are not part of the FREE plan; upgrade the tenant to BASIC or higher to create"
                    + " schedules.";
        }
        return null;
    }
}
