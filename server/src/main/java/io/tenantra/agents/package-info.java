/**
 * Agents: enrollment tokens, the agent registry and its per-agent config, the signed agent
 * protocol (its own security filter chain on {@code /api/v1/agent/**}), coalesced heartbeats and
 * offline detection, scans and the PostgreSQL job queue with long polling, and result ingestion.
 * Its console pages (agents, enrollment tokens, scans) live in {@code io.tenantra.agents.web} with
 * templates under {@code templates/agents/} and migrations under {@code db/migration/agents/}.
 * Depends on platform, database, tenancy, identity and the console shell; nothing it uses
 * depends back on it.
 * Publishes durable events in the writing transaction: {@link io.tenantra.agents.AgentWentOffline},
 * {@link io.tenantra.agents.AgentCameBack}, {@link io.tenantra.agents.ScanJobResultStored} and
 * {@link io.tenantra.agents.ScanFinished}; exposes {@link io.tenantra.agents.AgentRegistry}
 * and {@link io.tenantra.agents.ScanDirectory} for other modules (analysis, reports), takes the
 * probes jobs carry from {@link io.tenantra.agents.ProbeSource} beans (signed with its content
 * key) and exposes the stored answers through {@link io.tenantra.agents.ProbeAnswers}.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Agents, scans and ingestion",
        allowedDependencies = {"platform", "database", "tenancy", "identity", "console", "model"})
package io.tenantra.agents;
