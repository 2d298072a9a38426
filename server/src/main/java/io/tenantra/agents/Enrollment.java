package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.CredentialGuard;
import io.tenantra.model.AgentConfig;
import io.tenantra.model.EnrollmentRequest;
import io.tenantra.model.EnrollmentResponse;
import io.tenantra.model.HostFacts;
import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.Origin;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.TenantHierarchy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Turns an enrollment token and a public key into an agent. Every way a token can be unusable
 * (unknown, wrong secret, expired, exhausted, revoked) gets the same 401, so the answer does not
 * tell a guesser which; the precise reason goes to the tenant's audit trail once the token is
 * known to exist there.
 */
@Service
class Enrollment {

    private static final ApiException BAD_TOKEN = new ApiException(
            ProblemType.UNAUTHENTICATED, "The enrollment token is invalid, expired, exhausted or revoked.");

    private final EnrollmentTokenRepository tokens;
    private final AgentRepository agents;
    private final AgentConfigs configs;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;
    private final CredentialGuard guard;
    private final AuditEvents audit;
    private final ContentSigningKey contentKey;
    private final Clock clock;

    Enrollment(
            EnrollmentTokenRepository tokens,
            AgentRepository agents,
            AgentConfigs configs,
            TenantTransactions tx,
            TenantHierarchy hierarchy,
            CredentialGuard guard,
            AuditEvents audit,
            ContentSigningKey contentKey,
            Clock clock) {
        this.contentKey = contentKey;
        this.tokens = tokens;
        this.agents = agents;
        this.configs = configs;
        this.tx = tx;
        this.hierarchy = hierarchy;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    private record ParsedToken(UUID tenantId, UUID tokenId, String secret) {}

    private record Outcome(EnrollmentResponse response, String failure) {}

    EnrollmentResponse enroll(EnrollmentRequest request, Origin origin) {
        // Shape first (422), then the token (401): a malformed request is never an auth failure.
        if (request.token() == null
                || request.token().isBlank()
                || request.token().length() > 512) {
            throw ApiException.invalid("token", "is required (at most 512 characters)");
        }
        HostFacts host = EnrollmentChecks.host(request.host());
        EnrollmentChecks.publicKey(request.publicKey());
        Map<String, String> requested = Tags.validate(request.tags(), "tags");
        String name = EnrollmentChecks.name(request.name(), host.hostname());
        ParsedToken token = parse(request.token());
        if (token == null || !hierarchy.exists(token.tenantId())) {
            throw BAD_TOKEN;
        }
        Instant now = clock.instant();
        UUID agentId = UUID.randomUUID();
        Outcome outcome;
        try {
            outcome = enrollInTransaction(request, token, host, requested, name, agentId, now, origin);
        } catch (DuplicateKeyException e) {
            // The partial unique index on live agents' key fingerprints: one key, one identity.
            outcome = new Outcome(null, "public_key_in_use");
        }
        if (outcome.response() != null) {
            return outcome.response();
        }
        if (outcome.failure() != null) {
            audit.happenedBeforeAuthentication(
                    token.tenantId(),
                    Actor.anonymous(name),
                    origin,
                    AuditAction.AGENT_ENROLL,
                    "enrollment_token",
                    token.tokenId(),
                    Map.of("reason", outcome.failure(), "hostname", host.hostname()),
                    AuditEvent.Outcome.FAILURE);
        }
        if ("tenant_suspended".equals(outcome.failure())) {
            throw ApiException.forbidden("The tenant is suspended; agents cannot enroll in it.");
        }
        if ("public_key_in_use".equals(outcome.failure())) {
            throw ApiException.conflict(
                    "This public key already identifies an enrolled agent; every agent enrolls with a key of its own.");
        }
        throw BAD_TOKEN;
    }

    private Outcome enrollInTransaction(
            EnrollmentRequest request,
            ParsedToken token,
            HostFacts host,
            Map<String, String> requested,
            String name,
            UUID agentId,
            Instant now,
            Origin origin) {
        return tx.write(TenantScope.of(token.tenantId()), () -> {
            var row = tokens.findForUpdate(token.tenantId(), token.tokenId()).orElse(null);
            if (row == null) {
                return new Outcome(null, null);
            }
            if (!MessageDigest.isEqual(
                    row.secretHash().getBytes(StandardCharsets.US_ASCII),
                    EnrollmentTokens.sha256(token.secret()).getBytes(StandardCharsets.US_ASCII))) {
                return new Outcome(null, "wrong_secret");
            }
            String status = row.status(now);
            if (!"active".equals(status)) {
                return new Outcome(null, status);
            }
            if (!guard.tenantActive(token.tenantId())) {
                return new Outcome(null, "tenant_suspended");
            }
            // The token's tags are the administrator's: they win over tags asked for on the host.
            Map<String, String> tags = new TreeMap<>(requested);
            tags.putAll(row.tags());
            Map<String, String> merged = Tags.validate(tags, "tags");
            AgentConfig config = configs.defaults();
            var agent = new AgentRepository.AgentRow(
                    agentId,
                    token.tenantId(),
                    name,
                    host.hostname(),
                    osFamily(host),
                    text(host.osVersion()),
                    text(host.architecture()),
                    text(host.agentVersion()),
                    host.ipAddresses(),
                    merged,
                    config,
                    configs.etag(config),
                    "online",
                    now,
                    now,
                    null,
                    null,
                    now);
            tokens.recordUse(token.tenantId(), row.id(), now);
            agents.insert(agent, request.publicKey(), row.id());
            // The token proved the tenant: from here on the new agent acts for itself.
            var asAgent = new AgentPrincipal(agentId, token.tenantId(), name, origin);
            audit.changed(
                    asAgent.call(now),
                    AuditAction.AGENT_ENROLL,
                    "agent",
                    agentId,
                    Changes.of(
                            "name", name,
                            "hostname", host.hostname(),
                            "osFamily", agent.osFamily(),
                            "enrollmentTokenId", row.id().toString(),
                            "tags", merged));
            return new Outcome(
                    new EnrollmentResponse(
                            agentId,
                            token.tenantId(),
                            name,
                            config,
                            agent.configEtag(),
                            contentKey.publicKeyBase64(),
                            contentKey.keyId()),
                    null);
        });
    }

    private static ParsedToken parse(String token) {
        String[] parts = token == null ? new String[0] : token.strip().split("\\.", -1);
        if (parts.length != 4 || !EnrollmentTokens.PREFIX.equals(parts[0]) || parts[3].isEmpty()) {
            return null;
        }
        try {
            return new ParsedToken(UUID.fromString(parts[1]), UUID.fromString(parts[2]), parts[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String osFamily(HostFacts host) {
        return host.osFamily().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** Validation of the parts of an enrollment request the host supplies. */
    static final class EnrollmentChecks {
        private EnrollmentChecks() {}

        static HostFacts host(HostFacts host) {
            if (host == null) {
                throw ApiException.invalid("host", "is required");
            }
            if (host.hostname() == null
                    || host.hostname().isBlank()
                    || host.hostname().length() > 255) {
                throw ApiException.invalid("host.hostname", "must be 1-255 characters");
            }
            if (host.osFamily() == null) {
                throw ApiException.invalid("host.osFamily", "is required (linux, macos or windows)");
            }
            bounded(host.osVersion(), 200, "host.osVersion");
            bounded(host.architecture(), 64, "host.architecture");
            bounded(host.agentVersion(), 64, "host.agentVersion");
            List<String> ips = host.ipAddresses();
            if (ips.size() > 64 || ips.stream().anyMatch(ip -> ip == null || ip.length() > 64)) {
                throw ApiException.invalid(
                        "host.ipAddresses", "must hold at most 64 addresses of at most 64 characters");
            }
            return host;
        }

        static void publicKey(String key) {
            if (key == null || key.isBlank()) {
                throw ApiException.invalid("publicKey", "is required");
            }
            try {
                AgentIdentities.rawPublicKey(key);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("publicKey", "must be an Ed25519 public key (X.509, base64)");
            }
        }

        static String name(String name, String hostname) {
            String chosen = name == null || name.isBlank() ? hostname : name.strip();
            if (TextRules.length(chosen) > 200 || chosen.chars().anyMatch(Character::isISOControl)) {
                throw ApiException.invalid("name", "must be at most 200 characters, without control characters");
            }
            return chosen;
        }

        private static void bounded(String value, int max, String field) {
            if (value != null && TextRules.length(value) > max) {
                throw ApiException.invalid(field, "must be at most " + max + " characters");
            }
        }
    }
}
