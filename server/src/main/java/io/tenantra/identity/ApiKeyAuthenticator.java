package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.stereotype.Component;

/**
 * Turns a presented {@code tnk_...} bearer token into a principal. The key acts for its creator,
 * with the key's permissions cut down to what the creator holds on the key's tenant now, so a
 * key loses power the moment (well, within {@link #MAX_AGE}) its creator does. A creator who is
 * deactivated, or a suspended tenant, stops the key altogether.
 *
 * <p>What a key resolves to is cached for {@link #MAX_AGE}, like {@link CredentialGuard}'s
 * answers: revoking on this node takes effect at once through {@link #forget}, on other nodes
 * within {@link #MAX_AGE}. Every refusal (unknown, malformed, wrong secret, expired, revoked,
 * creator gone) gets the same answer, so a caller learns nothing about which keys exist.
 *
 * <p>Use is recorded at most once per key per {@link #USE_INTERVAL}: {@code last_used_at} and an
 * {@code apikey.use} audit event, enough to see that and where a key is used without one write
 * per request.
 */
@Component
class ApiKeyAuthenticator {

    static final Duration MAX_AGE = Duration.ofSeconds(5);
    static final Duration USE_INTERVAL = Duration.ofMinutes(1);
    static final String BINDING_ROLE = "API_KEY";
    private static final int MAX_CACHED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticator.class);

    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final PermissionReach reach;
    private final CredentialGuard guard;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final CallContexts calls;
    private final Clock clock;
    private final Map<String, Resolved> byPrefix = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastRecordedUse = new ConcurrentHashMap<>();

    ApiKeyAuthenticator(
            ApiKeyRepository keys,
            UserRepository users,
            PermissionReach reach,
            CredentialGuard guard,
            TenantTransactions tx,
            AuditEvents audit,
            CallContexts calls,
            Clock clock) {
        this.keys = keys;
        this.users = users;
        this.reach = reach;
        this.guard = guard;
        this.tx = tx;
        this.audit = audit;
        this.calls = calls;
        this.clock = clock;
    }

    ApiKeyAuthentication authenticate(String token, HttpServletRequest request) {
        ApiKeyFormat.Presented presented = ApiKeyFormat.parse(token).orElseThrow(ApiKeyAuthenticator::refused);
        Instant now = clock.instant();
        Resolved resolved = byPrefix.get(presented.prefix());
        if (resolved == null || !resolved.freshAt(now)) {
            resolved = load(presented.prefix(), now);
        }
        ApiKeyRepository.KeyCredential key = resolved.key();
        if (!ApiKeyFormat.matches(presented.secret(), key.secretHash())
                || key.revokedAt() != null
                || (key.expiresAt() != null && !key.expiresAt().isAfter(now))) {
            throw refused();
        }
        CurrentUser creator =
                new CurrentUser(key.createdBy(), key.creatorTenantId(), key.creatorUsername(), List.of(), null);
        // The creator's account and home tenant are checked as for their own logins; the key's
        // tenant may be another one (below the creator's), and it must be active too.
        if (!guard.isValid(creator) || !guard.tenantActive(key.tenantId())) {
            throw refused();
        }
        CurrentUser principal = new CurrentUser(
                key.createdBy(),
                key.tenantId(),
                key.creatorUsername(),
                resolved.bindings(),
                null,
                key.id(),
                null,
                null);
        recordUse(principal, request, now);
        return new ApiKeyAuthentication(principal, key.creatorTenantId());
    }

    /** Call after revoking a key: this node refuses it from the next request on. */
    void forget(UUID keyId) {
        byPrefix.values().removeIf(r -> r.key().id().equals(keyId));
    }

    private Resolved load(String prefix, Instant now) {
        ApiKeyRepository.KeyCredential key =
                keys.findForAuthentication(prefix).orElseThrow(ApiKeyAuthenticator::refused);
        Set<Permission> wanted = EnumSet.noneOf(Permission.class);
        wanted.addAll(key.permissions());
        // Stored keys never hold these, but a row edited by hand must not smuggle them in.
        wanted.removeAll(ApiKeyPolicy.NEVER_ON_KEYS);
        List<RoleBinding> bindings =
                reach.derive(users.bindingsOf(key.createdBy()), key.tenantId(), wanted, BINDING_ROLE);
        Resolved resolved = new Resolved(key, bindings, now);
        if (byPrefix.size() >= MAX_CACHED) {
            byPrefix.clear(); // crude, but bounded; entries live seconds anyway
        }
        byPrefix.put(prefix, resolved);
        return resolved;
    }

    private void recordUse(CurrentUser principal, HttpServletRequest request, Instant now) {
        UUID keyId = principal.apiKeyId();
        AtomicBoolean due = new AtomicBoolean();
        lastRecordedUse.compute(keyId, (id, last) -> {
            if (last == null || !last.plus(USE_INTERVAL).isAfter(now)) {
                due.set(true);
                return now;
            }
            return last;
        });
        if (!due.get()) {
            return;
        }
        String path = request.getRequestURI();
        // This filter is the key's edge: the use is recorded for the key, from this request.
        CallContext call = calls.home(principal, request);
        try {
            tx.write(call.scope(), () -> {
                keys.touch(principal.tenantId(), keyId, now);
                audit.happened(
                        call,
                        AuditAction.APIKEY_USE,
                        "api_key",
                        keyId,
                        Map.of(
                                "method",
                                request.getMethod(),
                                "path",
                                path.length() <= 200 ? path : path.substring(0, 200)),
                        AuditEvent.Outcome.SUCCESS);
                return null;
            });
        } catch (RuntimeException e) {
            // Bookkeeping must not fail the caller's request; the next request tries again.
            lastRecordedUse.remove(keyId);
            log.warn("Could not record the use of API key {}", keyId, e);
        }
    }

    private static BadCredentialsException refused() {
        return new BadCredentialsException("API key refused");
    }

    private record Resolved(ApiKeyRepository.KeyCredential key, List<RoleBinding> bindings, Instant loadedAt) {
        boolean freshAt(Instant now) {
            return loadedAt.plus(MAX_AGE).isAfter(now);
        }
    }
}
