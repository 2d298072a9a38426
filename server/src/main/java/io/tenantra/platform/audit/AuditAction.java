package io.tenantra.platform.audit;

/**
 * The one catalogue of audit actions: every record in every tenant's chain names one of these, so
 * auditors get a stable vocabulary and a new action cannot appear without a meaning. The
 * {@link #code() code} is what is stored, exported, filtered on and hashed; never change one that
 * has shipped (add a new action instead). {@code docs/audit.md} lists them all, and a test keeps
 * that list and this enum equal.
 */
public enum AuditAction {
    // Sign-in and sessions
    AUTH_LOGIN("auth.login", "A user signed in (API or console) and a session began."),
    AUTH_LOGIN_FAILURE(
            "auth.login.failure",
            "A sign-in was refused: wrong password or code, unknown, locked or inactive account."),
    AUTH_LOCKOUT("auth.lockout", "Too many failed proofs locked an account for a while."),
    AUTH_REFRESH("auth.refresh", "A session's refresh token was exchanged for a new token pair."),
    AUTH_LOGOUT("auth.logout", "A user ended their session."),
    AUTH_SESSION_REVOKE(
            "auth.session.revoke",
            "The server ended a session: its refresh token was used twice, or its user is no longer active."),
    ACCESS_DENIED("access.denied", "A signed-in caller was refused an endpoint or page for lack of a permission."),
    SIGNINGKEY_ROTATE("signingkey.rotate", "The platform's token-signing key was rotated."),
    // The signed-in user's own account
    PROFILE_UPDATE("profile.update", "A user changed their own e-mail address or display name."),
    PROFILE_PASSWORD("profile.password", "A user changed their own password (or failed to prove the current one)."),
    MFA_ENROL("mfa.enrol", "A user started enrolling an authenticator app."),
    MFA_ENABLE("mfa.enable", "A user confirmed their authenticator and multi-factor sign-in became active."),
    MFA_DISABLE(
            "mfa.disable", "A user turned multi-factor sign-in off (or failed to prove who they are while trying)."),
    MFA_RECOVERY_CODES_REGENERATE(
            "mfa.recovery-codes.regenerate",
            "A user replaced their recovery codes (or failed to prove who they are while trying)."),
    // Administration of users, roles, API keys, impersonation
    USER_CREATE("user.create", "An administrator created a user."),
    USER_UPDATE("user.update", "An administrator changed a user's e-mail address or display name."),
    USER_ROLES("user.roles", "An administrator changed the roles bound to a user."),
    USER_DEACTIVATE(
            "user.deactivate", "An administrator deactivated a user: their sessions and API keys stop working."),
    USER_REACTIVATE("user.reactivate", "An administrator reactivated a user."),
    USER_DELETE("user.delete", "An administrator deleted a user."),
    ROLE_CREATE("role.create", "A custom role was defined."),
    ROLE_UPDATE("role.update", "A custom role's name, description or permissions changed."),
    ROLE_DELETE("role.delete", "A custom role was deleted."),
    APIKEY_CREATE("apikey.create", "An API key was created (its secret is never recorded)."),
    APIKEY_REVOKE("apikey.revoke", "An API key was revoked."),
    APIKEY_USE("apikey.use", "An API key was used for the first time in a while (recorded at most once per interval)."),
    IMPERSONATION_START("impersonation.start", "A platform or MSP administrator began acting as another user."),
    IMPERSONATION_END("impersonation.end", "An impersonation ended: stopped, expired or revoked."),
    // The tenant tree
    TENANT_CREATE("tenant.create", "A tenant was created under its parent."),
    TENANT_UPDATE("tenant.update", "A tenant's name, plan, settings or branding changed."),
    TENANT_MOVE("tenant.move", "A tenant was moved under another parent."),
    TENANT_SUSPEND("tenant.suspend", "A tenant was suspended: its users and agents are refused until reactivated."),
    TENANT_REACTIVATE("tenant.reactivate", "A suspended tenant was reactivated."),
    TENANT_DELETE("tenant.delete", "A tenant with nothing left in it was deleted."),
    // Agents, enrollment and scans
    ENROLLMENT_TOKEN_CREATE(
            "enrollment_token.create", "An enrollment token was created (its secret is never recorded)."),
    ENROLLMENT_TOKEN_REVOKE("enrollment_token.revoke", "An enrollment token was revoked."),
    AGENT_ENROLL("agent.enroll", "An agent enrolled with a token (or was refused)."),
    AGENT_UPDATE("agent.update", "An agent's name, tags or configuration changed."),
    AGENT_REVOKE("agent.revoke", "An agent was revoked: its signed requests are refused from then on."),
    AGENT_EXPORT(
            "agent.export",
            "Agents, or one agent module's collected items, were exported as CSV from the console (the filters"
                    + " and whether sensitive values were redacted are in the details)."),
    AGENT_OFFLINE("agent.offline", "An agent missed its heartbeats and was marked offline."),
    AGENT_ONLINE("agent.online", "An offline agent was heard from again."),
    AGENT_REQUEST_DENIED(
            "agent.request.denied", "A signed agent request was refused: bad signature, replay, revoked or suspended."),
    SCAN_CREATE("scan.create", "A scan was started: one job per selected agent."),
    SCAN_CANCEL("scan.cancel", "A scan was cancelled: its unfinished jobs ended as cancelled."),
    SCAN_BLACKOUT_OVERRIDE(
            "scan.blackout.override",
            "A scan was started with overrideBlackout=true: agents in a blackout window were scanned anyway."),
    SCAN_EXPORT("scan.export", "A scan's results were exported as CSV."),
    SCAN_JOB_DISPATCH("scan.job.dispatch", "A scan job was handed to its agent."),
    SCAN_JOB_START("scan.job.start", "An agent reported it started a scan job."),
    SCAN_JOB_RESULT("scan.job.result", "An agent's result for a scan job was stored."),
    SCAN_JOB_REQUEUE("scan.job.requeue", "A scan job whose lease ran out was queued again."),
    SCAN_JOB_TIMEOUT("scan.job.timeout", "A scan job ran out of attempts and ended as timed out."),
    // Compliance content, enablement and evaluation
    COMPLIANCE_POLICY_IMPORT(
            "compliance.policy.import", "A policy (our check format or Wazuh SCA) was imported for a tenant."),
    COMPLIANCE_POLICY_ENABLE("compliance.policy.enable", "An imported policy was switched on or off for its tenant."),
    COMPLIANCE_POLICY_COMMANDS(
            "compliance.policy.commands",
            "The command rules of an imported policy were allowed or forbidden to run on the tenant's endpoints."),
    COMPLIANCE_FRAMEWORK_IMPORT(
            "compliance.framework.import", "A framework file was imported or replaced for a tenant."),
    COMPLIANCE_MAPPING_IMPORT(
            "compliance.mapping.import", "A file mapping checks to framework controls was imported for a tenant."),
    COMPLIANCE_ENABLEMENT_UPDATE(
            "compliance.enablement.update",
            "A tenant's own choice of frameworks and built-in policies changed (or was reset to inherit)."),
    COMPLIANCE_EVALUATION_START(
            "compliance.evaluation.start",
            "A re-evaluation of every asset of a tenant from stored facts was queued after a content change."),
    COMPLIANCE_EVALUATION_FINISH(
            "compliance.evaluation.finish", "A re-evaluation of a tenant's assets completed or failed."),
    // Compliance exceptions
    COMPLIANCE_EXCEPTION_REQUESTED(
            "compliance.exception.requested",
            "An exception to a compliance check was requested for an asset, a tag or a tenant (pending approval)."),
    COMPLIANCE_EXCEPTION_APPROVED(
            "compliance.exception.approved",
            "A pending compliance exception was approved by someone other than its requester; scores count it."),
    COMPLIANCE_EXCEPTION_REJECTED("compliance.exception.rejected", "A pending compliance exception was rejected."),
    COMPLIANCE_EXCEPTION_REVOKED(
            "compliance.exception.revoked",
            "A pending or approved compliance exception was revoked before its expiry."),
    COMPLIANCE_EXCEPTION_EXPIRED(
            "compliance.exception.expired",
            "An approved compliance exception reached its expiry and stopped counting in scores."),
    COMPLIANCE_EXPORT(
            "compliance.export",
            "A tenant's compliance results were exported (CSV, XCCDF or HDF), with the filters used."),
    // Scheduled scans: profiles, schedules, blackout windows and the runs they start
    SCAN_PROFILE_CREATE(
            "scan.profile.create", "A scan profile (what to scan, which agents, how many at once) was created."),
    SCAN_PROFILE_UPDATE("scan.profile.update", "A scan profile was changed."),
    SCAN_PROFILE_DELETE("scan.profile.delete", "A scan profile no schedule uses was deleted."),
    SCHEDULE_CREATE("schedule.create", "A scan schedule (cron, time zone, profile) was created."),
    SCHEDULE_UPDATE("schedule.update", "A scan schedule was changed, paused or resumed."),
    SCHEDULE_DELETE("schedule.delete", "A scan schedule was deleted; its run history is kept."),
    SCHEDULE_RUN_NOW("schedule.run-now", "Someone started a schedule's run at once, outside its cron times."),
    SCHEDULE_RUN(
            "schedule.run",
            "A schedule's due run was handled: started, deferred or skipped by a blackout window, or caught up."),
    SCHEDULE_RUN_COMPLETE(
            "schedule.run.complete", "Every scan a schedule's run started has ended; the owner was notified."),
    NOTIFICATION_READ("notification.read", "A user marked their console notifications read."),
    BLACKOUT_WINDOW_CREATE("blackout.create", "A blackout window (no scans of the tenant or of a tag) was created."),
    BLACKOUT_WINDOW_DELETE("blackout.delete", "A blackout window was deleted."),
    // The audit trail itself
    AUDIT_EXPORT("audit.export", "Audit events were exported (the export itself is evidence).");

    private final String code;
    private final String meaning;

    AuditAction(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The stored, dotted name, e.g. {@code tenant.create}. */
    public String code() {
        return code;
    }

    /** What the action records, in one sentence for auditors. */
    public String meaning() {
        return meaning;
    }

    @Override
    public String toString() {
        return code;
    }
}
