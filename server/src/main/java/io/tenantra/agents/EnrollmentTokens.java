package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Creating, listing and revoking enrollment tokens. A token reads
 * {@code et1.<tenant id>.<token id>.<secret>}: the ids let enrollment open the right tenant's
 * transaction without a cross-tenant lookup, and only a SHA-256 of the secret is stored, so the
 * token is shown once, at creation. Callers pass a {@link TenantContext} whose scope was checked
 * for {@code AGENT_READ} (reads) or {@code AGENT_WRITE} (changes).
 */
@Service
public class EnrollmentTokens {

    static final String PREFIX = "et1";

    private final EnrollmentTokenRepository tokens;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    EnrollmentTokens(EnrollmentTokenRepository tokens, TenantTransactions tx, AuditEvents audit, Clock clock) {
        this.tokens = tokens;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new token: its view, and the token itself, which exists nowhere else. */
    public record Created(TokenView view, String token) {}

    public Created create(CallContext call, String name, Integer maxUses, Instant expiresAt, Map<String, String> tags) {
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.invalid("expiresAt", "must be in the future");
        }
        Map<String, String> checkedTags = Tags.validate(tags, "tags");
        String trimmed = name.strip();
        UUID id = UUID.randomUUID();
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var row = new EnrollmentTokenRepository.TokenRow(
                id, call.tenantId(), trimmed, sha256(secret), checkedTags, maxUses, 0, expiresAt, null, null, now);
        try {
            tx.write(call.scope(), () -> {
                if (tokens.liveNameTaken(call.tenantId(), trimmed)) {
                    throw ApiException.conflict("An active enrollment token named '" + trimmed + "' already exists.");
                }
                tokens.insert(row, call.userId());
                audit.changed(
                        call,
                        AuditAction.ENROLLMENT_TOKEN_CREATE,
                        "enrollment_token",
                        id,
                        Changes.of("name", trimmed, "maxUses", maxUses, "expiresAt", expiresAt, "tags", checkedTags));
                return null;
            });
        } catch (DuplicateKeyException e) {
            // Lost a race with a concurrent create of the same name.
            throw ApiException.conflict("An active enrollment token named '" + trimmed + "' already exists.");
        }
        String token = PREFIX + "." + call.tenantId() + "." + id + "." + secret;
        return new Created(TokenView.of(row, now), token);
    }

    public PageResponse<TokenView> list(CallContext call, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        List<String> after = Pages.after(cursor, 2);
        Instant afterCreated;
        UUID afterId;
        try {
            afterCreated = after == null ? null : Instant.parse(after.get(0));
            afterId = after == null ? null : UUID.fromString(after.get(1));
        } catch (RuntimeException e) {
            throw Cursors.malformed();
        }
        Instant now = clock.instant();
        List<TokenView> rows =
                tx.read(call.scope(), () -> tokens.list(call.tenantId(), afterCreated, afterId, size + 1)).stream()
                        .map(r -> TokenView.of(r, now))
                        .toList();
        return Pages.page(rows, size, v -> Cursors.encode(v.createdAt().toString(), v.id().toString()));
    }

    public TokenView get(CallContext call, UUID id) {
        return tx.read(call.scope(), () -> tokens.find(call.tenantId(), id))
                .map(r -> TokenView.of(r, clock.instant()))
                .orElseThrow(() -> ApiException.notFound("The enrollment token"));
    }

    public void revoke(CallContext call, UUID id) {
        Instant now = clock.instant();
        tx.write(call.scope(), () -> {
            var token = tokens.findForUpdate(call.tenantId(), id)
                    .orElseThrow(() -> ApiException.notFound("The enrollment token"));
            if (tokens.revoke(call.tenantId(), id, now, call.userId())) {
                audit.changed(
                        call,
                        AuditAction.ENROLLMENT_TOKEN_REVOKE,
                        "enrollment_token",
                        id,
                        Changes.of("name", token.name()));
            }
            return null;
        });
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as the API shows it: never the secret or its hash. */
    public record TokenView(
            UUID id,
            String name,
            Map<String, String> tags,
            Integer maxUses,
            int uses,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt,
            Instant createdAt,
            String status) {

        static TokenView of(EnrollmentTokenRepository.TokenRow row, Instant now) {
            return new TokenView(
                    row.id(),
                    row.name(),
                    row.tags(),
                    row.maxUses(),
                    row.uses(),
                    row.expiresAt(),
                    row.revokedAt(),
                    row.lastUsedAt(),
                    row.createdAt(),
                    row.status(now));
        }
    }
}
