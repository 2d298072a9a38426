package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Starting and cancelling scans: one queued job per selected agent, woken at once after commit.
 * Callers pass a {@link TenantContext} whose scope was checked for {@code SCAN_WRITE}.
 */
@Service
public class Scans {

    static final int MAX_AGENT_IDS = 10_000;

    private final ScanRepository scans;
    private final ScanDirectory directory;
    private final AgentConfigs configs;
    private final JobFeed feed;
    private final ScanCompletion completion;
    private final AgentsProperties properties;
    private final AgentJson json;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final Clock clock;
    private final ObjectProvider<ScanBlackouts> blackouts;

    Scans(
            ScanRepository scans,
            ScanDirectory directory,
            AgentConfigs configs,
            JobFeed feed,
            ScanCompletion completion,
            AgentsProperties properties,
            AgentJson json,
            TenantTransactions tx,
            AuditEvents audit,
            Clock clock,
            ObjectProvider<ScanBlackouts> blackouts) {
        this.scans = scans;
        this.directory = directory;
        this.configs = configs;
        this.feed = feed;
        this.completion = completion;
        this.properties = properties;
        this.json = json;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.blackouts = blackouts;
    }

    /** Exactly one of the fields is set; {@code all} must then be true. */
    public record Selector(Boolean all, List<UUID> agentIds, Map<String, String> tags, String os) {}

    /**
     * How a scan is started beyond what it scans.
     *
     * @param overrideBlackout scan agents even while a blackout window covers them (audited)
     * @param timeLimit how long the scan may run; null for the configured scan timeout
     */
    public record Options(boolean overrideBlackout, Duration timeLimit) {

        public static final Options DEFAULT = new Options(false, null);
    }

    private record Condition(String sql, List<Object> params, Map<String, Object> asGiven) {}

    public ScanView create(CallContext call, List<String> modules, Selector selector) {
        return create(call, modules, selector, Options.DEFAULT);
    }

    /**
     * Starts a scan of the selected agents, leaving out those a blackout window covers now
     * unless {@code options} override it: 409 when the whole tenant is blacked out, 422 when no
     * agent is left.
     */
    public ScanView create(CallContext call, List<String> modules, Selector selector, Options options) {
        List<String> checkedModules = modules == null ? null : configs.checkModules(modules, "modules");
        Condition condition = condition(selector);
        Instant now = clock.instant();
        ScanBlackouts.Exclusion exclusion = exclusion(call, now);
        if (!options.overrideBlackout() && exclusion.wholeTenant()) {
            throw ApiException.conflict("Every agent of the tenant is in a blackout window now ("
                    + String.join(", ", exclusion.windows())
                    + "); start the scan with overrideBlackout=true to scan anyway.");
        }
        boolean leaveOut = !options.overrideBlackout() && exclusion.excludesAnything();
        Condition jobs = leaveOut ? without(condition, exclusion) : condition;
        Duration timeLimit = options.timeLimit() == null ? properties.scanTimeout() : options.timeLimit();
        var scan = new ScanRepository.ScanRow(
                UUID.randomUUID(),
                checkedModules,
                condition.asGiven(),
                0,
                now,
                call.userId(),
                now.plus(timeLimit),
                null);
        List<UUID> agents = tx.write(call.scope(), () -> {
            scans.insert(call.tenantId(), scan);
            if (selector.agentIds() != null
                    && scans.countAgents(call.tenantId(), condition.sql(), condition.params())
                            != new LinkedHashSet<>(selector.agentIds()).size()) {
                throw ApiException.invalid("selector.agentIds", "names agents that do not exist or are revoked");
            }
            List<UUID> selected =
                    scans.insertJobs(call.tenantId(), scan, properties.maxAttempts(), jobs.sql(), jobs.params());
            if (selected.isEmpty()) {
                throw ApiException.invalid(
                        "selector",
                        leaveOut
                                ? "matches no active agent outside the blackout windows in force ("
                                        + String.join(", ", exclusion.windows()) + ")"
                                : "matches no active agent");
            }
            Map<String, Object> changes = new LinkedHashMap<>(Changes.of(
                    "modules", checkedModules, "selector", condition.asGiven(), "jobCount", selected.size()));
            if (leaveOut) {
                changes.put("blackoutWindows", exclusion.windows());
            }
            audit.changed(call, AuditAction.SCAN_CREATE, "scan", scan.id(), changes);
            if (options.overrideBlackout() && exclusion.excludesAnything()) {
                audit.changed(
                        call,
                        AuditAction.SCAN_BLACKOUT_OVERRIDE,
                        "scan",
                        scan.id(),
                        Changes.of("blackoutWindows", exclusion.windows(), "jobCount", selected.size()));
            }
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    feed.signal(selected);
                }
            });
            return selected;
        });
        return directory
                .find(call.scope(), call.tenantId(), scan.id())
                .orElseThrow(() ->
                        new IllegalStateException("scan " + scan.id() + " vanished after " + agents.size() + " jobs"));
    }

    public ScanView cancel(CallContext call, UUID scanId) {
        Instant now = clock.instant();
        tx.write(call.scope(), () -> {
            // Not locked yet: the jobs are locked first and the scan last, like every transaction
            // that ends jobs (see ScanCompletion), so a cancel cannot deadlock with an ingestion.
            var scan = scans.find(call.tenantId(), scanId, false).orElseThrow(() -> ApiException.notFound("The scan"));
            if (scan.cancelledAt() != null) {
                throw ApiException.conflict("The scan is already cancelled.");
            }
            int cancelled = scans.cancelJobs(call.tenantId(), scanId, now);
            if (cancelled == 0) {
                // Nothing open (any more): finished, or cancelled by a concurrent request just now.
                boolean cancelledMeanwhile = scans.find(call.tenantId(), scanId, false)
                        .map(s -> s.cancelledAt() != null)
                        .orElse(false);
                throw ApiException.conflict(
                        cancelledMeanwhile ? "The scan is already cancelled." : "The scan has already finished.");
            }
            scans.markCancelled(call.tenantId(), scanId, now, call.userId());
            audit.changed(call, AuditAction.SCAN_CANCEL, "scan", scanId, Map.of("cancelledJobs", cancelled));
            completion.jobsEnded(call.tenantId(), List.of(scanId));
            return null;
        });
        return directory
                .find(call.scope(), call.tenantId(), scanId)
                .orElseThrow(() -> ApiException.notFound("The scan"));
    }

    private ScanBlackouts.Exclusion exclusion(CallContext call, Instant now) {
        List<String> windows = new ArrayList<>();
        List<Map<String, String>> tags = new ArrayList<>();
        boolean wholeTenant = false;
        for (ScanBlackouts source : (Iterable<ScanBlackouts>) blackouts.orderedStream()::iterator) {
            ScanBlackouts.Exclusion found = source.at(call.scope(), call.tenantId(), now);
            wholeTenant |= found.wholeTenant();
            tags.addAll(found.tags());
            windows.addAll(found.windows());
        }
        return new ScanBlackouts.Exclusion(wholeTenant, tags, windows);
    }

    /** {@code condition} narrowed to agents carrying none of the blacked-out tags. */
    private Condition without(Condition condition, ScanBlackouts.Exclusion exclusion) {
        StringBuilder sql = new StringBuilder(condition.sql());
        List<Object> params = new ArrayList<>(condition.params());
        for (Map<String, String> tag : exclusion.tags()) {
            sql.append(" AND NOT (a.tags @> ?::jsonb)");
            params.add(json.write(tag));
        }
        return new Condition(sql.toString(), params, condition.asGiven());
    }

    private Condition condition(Selector selector) {
        if (selector == null) {
            throw ApiException.invalid("selector", "is required");
        }
        int set = (selector.all() != null ? 1 : 0)
                + (selector.agentIds() != null ? 1 : 0)
                + (selector.tags() != null ? 1 : 0)
                + (selector.os() != null ? 1 : 0);
        if (set != 1) {
            throw ApiException.invalid("selector", "must have exactly one of all, agentIds, tags, os");
        }
        Map<String, Object> given = new LinkedHashMap<>();
        if (selector.all() != null) {
            if (!selector.all()) {
                throw ApiException.invalid("selector.all", "must be true when given");
            }
            given.put("all", true);
            return new Condition("", List.of(), given);
        }
        if (selector.agentIds() != null) {
            List<UUID> ids = selector.agentIds();
            if (ids.isEmpty() || ids.size() > MAX_AGENT_IDS || ids.stream().anyMatch(java.util.Objects::isNull)) {
                throw ApiException.invalid(
                        "selector.agentIds", "must hold between 1 and " + MAX_AGENT_IDS + " agent ids");
            }
            given.put("agentIds", ids);
            return new Condition(
                    " AND a.id = ANY(?::uuid[])",
                    new ArrayList<>(
                            List.of((Object) ids.stream().map(UUID::toString).toArray(String[]::new))),
                    given);
        }
        if (selector.tags() != null) {
            if (selector.tags().isEmpty()) {
                throw ApiException.invalid("selector.tags", "must hold at least one tag");
            }
            Map<String, String> tags = Tags.validate(selector.tags(), "selector.tags");
            given.put("tags", tags);
            return new Condition(" AND a.tags @> ?::jsonb", List.of(json.write(tags)), given);
        }
        if (!List.of("linux", "macos", "windows").contains(selector.os())) {
            throw ApiException.invalid("selector.os", "must be linux, macos or windows");
        }
        given.put("os", selector.os());
        return new Condition(" AND a.os_family = ?", List.of(selector.os()), given);
    }
}
