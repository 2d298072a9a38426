package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.model.AgentConfig;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The agent registry: listing, reading, re-configuring and revoking agents. The public facade
 * other modules (the console) read agents through.
 */
@Service
public class AgentRegistry {

    private final AgentRepository agents;
    private final AgentConfigs configs;
    private final AgentIdentities identities;
    private final HeartbeatRecorder heartbeats;
    private final ScanCompletion completion;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final Clock clock;

    AgentRegistry(
            AgentRepository agents,
            AgentConfigs configs,
            AgentIdentities identities,
            HeartbeatRecorder heartbeats,
            ScanCompletion completion,
            TenantTransactions tx,
            AuditEvents audit,
            Clock clock) {
        this.agents = agents;
        this.configs = configs;
        this.identities = identities;
        this.heartbeats = heartbeats;
        this.completion = completion;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * One page of the tenant's agents by name.
     *
     * @param status online, offline or revoked; null for all
     * @param os linux, macos or windows; null for all
     * @param tags every one must match; empty for all
     * @param query part of the name or hostname; null for all
     */
    public PageResponse<AgentView> list(
            TenantScope scope,
            UUID tenantId,
            String status,
            String os,
            Map<String, String> tags,
            String query,
            Integer limit,
            String cursor) {
        if (status != null && !List.of("online", "offline", "revoked").contains(status)) {
            throw ApiException.invalid("status", "must be online, offline or revoked");
        }
        if (os != null && !List.of("linux", "macos", "windows").contains(os)) {
            throw ApiException.invalid("os", "must be linux, macos or windows");
        }
        if (query != null && query.length() > 200) {
            throw ApiException.invalid("q", "must be at most 200 characters");
        }
        int size = Cursors.limit(limit);
        List<String> after = Pages.after(cursor, 2);
        UUID afterId;
        try {
            afterId = after == null ? null : UUID.fromString(after.get(1));
        } catch (IllegalArgumentException e) {
            throw Cursors.malformed();
        }
        var filter = new AgentRepository.AgentFilter(
                status, os, Tags.validate(tags, "tag"), query == null || query.isBlank() ? null : query.strip());
        List<AgentView> rows = tx
                .read(
                        scope,
                        () -> agents.list(tenantId, filter, after == null ? null : after.get(0), afterId, size + 1))
                .stream()
                .map(this::view)
                .toList();
        return Pages.page(rows, size, v -> Cursors.encode(v.name(), v.id().toString()));
    }

    public Optional<AgentView> find(TenantScope scope, UUID tenantId, UUID agentId) {
        return tx.read(scope, () -> agents.find(tenantId, agentId)).map(this::view);
    }

    AgentView get(CallContext call, UUID agentId) {
        return find(call.scope(), call.tenantId(), agentId).orElseThrow(() -> ApiException.notFound("The agent"));
    }

    /** The current config of an agent and its ETag (used by the agent-facing config endpoint). */
    Optional<AgentRepository.AgentRow> row(UUID tenantId, UUID agentId) {
        return tx.read(TenantScope.of(tenantId), () -> agents.find(tenantId, agentId));
    }

    record ConfigChange(
            List<String> modules, Integer heartbeatSeconds, Integer moduleTimeoutSeconds, Integer pollWaitSeconds) {}

    /** Renames an agent (audited as {@code AGENT_UPDATE}); 400 for a bad name, 409 when revoked. */
    public AgentView rename(CallContext call, UUID agentId, String name) {
        return update(call, agentId, name == null ? "" : name, null, null);
    }

    /** Replaces an agent's tags (audited as {@code AGENT_UPDATE}); 400 for bad tags, 409 when revoked. */
    public AgentView retag(CallContext call, UUID agentId, Map<String, String> tags) {
        return update(call, agentId, null, tags, null);
    }

    AgentView update(CallContext call, UUID agentId, String name, Map<String, String> tags, ConfigChange config) {
        Instant now = clock.instant();
        if (name != null
                && (name.isBlank()
                        || TextRules.length(name) > 200
                        || name.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.invalid("name", "must be 1-200 characters, without control characters");
        }
        Map<String, String> checkedTags = tags == null ? null : Tags.validate(tags, "tags");
        AgentRepository.AgentRow updated = tx.write(call.scope(), () -> {
            var current = agents.findForUpdate(call.tenantId(), agentId)
                    .orElseThrow(() -> ApiException.notFound("The agent"));
            if (current.revokedAt() != null) {
                throw ApiException.conflict("The agent is revoked; it can no longer be changed.");
            }
            AgentConfig nextConfig = config == null
                    ? current.config()
                    : configs.change(
                            current.config(),
                            config.modules(),
                            config.heartbeatSeconds(),
                            config.moduleTimeoutSeconds(),
                            config.pollWaitSeconds());
            var next = current.withChanges(
                    name == null ? current.name() : name.strip(),
                    checkedTags == null ? current.tags() : checkedTags,
                    nextConfig,
                    configs.etag(nextConfig));
            agents.update(next, now, call.userId());
            audit.changed(
                    call,
                    AuditAction.AGENT_UPDATE,
                    "agent",
                    agentId,
                    Changes.of(
                            "name", name == null ? null : next.name(),
                            "tags", checkedTags,
                            "config", config == null ? null : nextConfig));
            return next;
        });
        identities.changed(
                agentId, false, updated.configEtag(), updated.config().heartbeatSeconds());
        return view(updated);
    }

    /** Revokes an agent (audited as {@code AGENT_REVOKE}); revoking a revoked agent changes nothing. */
    public void revoke(CallContext call, UUID agentId) {
        Instant now = clock.instant();
        boolean revoked = tx.write(call.scope(), () -> {
            var current = agents.findForUpdate(call.tenantId(), agentId)
                    .orElseThrow(() -> ApiException.notFound("The agent"));
            if (!agents.revoke(call.tenantId(), agentId, now, call.userId())) {
                return false; // already revoked: nothing changes, nothing to audit
            }
            List<UUID> cancelledJobScans = agents.cancelOpenJobs(call.tenantId(), agentId, now);
            int cancelled = cancelledJobScans.size();
            audit.changed(
                    call,
                    AuditAction.AGENT_REVOKE,
                    "agent",
                    agentId,
                    Changes.of("name", current.name(), "cancelledJobs", cancelled));
            // The agent's cancelled jobs may have been the last open ones of their scans.
            completion.jobsEnded(call.tenantId(), new HashSet<>(cancelledJobScans));
            return true;
        });
        if (revoked) {
            identities
                    .find(agentId)
                    .ifPresent(i -> identities.changed(agentId, true, i.configEtag(), i.heartbeatSeconds()));
        }
    }

    private AgentView view(AgentRepository.AgentRow row) {
        return AgentView.of(row, row.revokedAt() == null ? heartbeats.pendingLastSeen(row.id()) : null);
    }
}
