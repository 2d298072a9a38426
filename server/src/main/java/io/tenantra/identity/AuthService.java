package io.tenantra.identity;

import io.tenantra.database.TenantScope;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Login, refresh and logout. Unknown user, wrong password, inactive user and suspended tenant
 * all get the same answer, so a caller cannot probe which usernames exist.
 */
@Service
public class AuthService {

    private static final String REFRESH_PREFIX = "rt1";
    private static final ApiException BAD_CREDENTIALS =
            new ApiException(ProblemType.UNAUTHENTICATED, "The username or password is incorrect.");
    private static final ApiException BAD_REFRESH = new ApiException(
            ProblemType.UNAUTHENTICATED, "The refresh token is invalid, expired or revoked. Log in again.");

    private final UserRepository users;
    private final SessionRepository sessions;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwords;
    private final TenantTransactions tx;
    private final IdentityProperties properties;
    private final Clock clock;
    private final CredentialGuard guard;
    private final AuditEvents audit;
    private final SecureRandom random = new SecureRandom();
    // Compared against when the user does not exist, so both paths cost one hash check.
    private final String decoyHash;

    AuthService(
            UserRepository users,
            SessionRepository sessions,
            AccessTokens accessTokens,
            PasswordEncoder passwords,
            TenantTransactions tx,
            IdentityProperties properties,
            CredentialGuard guard,
            AuditEvents audit,
            Clock clock) {
        this.guard = guard;
        this.audit = audit;
        this.users = users;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** Checks a username and password; empty when they do not identify an active user. */
    public Optional<CurrentUser> authenticate(String username, String password) {
        Optional<UserRepository.LoginRecord> found = users.findLogin(username);
        String hash = found.map(UserRepository.LoginRecord::passwordHash).orElse(decoyHash);
        boolean matches = hash != null && passwords.matches(password, hash);
        if (found.isEmpty()
                || !matches
                || !found.get().active()
                || !found.get().tenantActive()
                || !guard.tenantActive(found.get().tenantId())) {
            return Optional.empty();
        }
        UserRepository.LoginRecord login = found.get();
        return Optional.of(new CurrentUser(
                login.userId(), login.tenantId(), login.username(), users.bindingsOf(login.userId()), null));
    }

    public TokenPair login(String username, String password, String ip, String userAgent) {
        CurrentUser user = authenticate(username, password).orElseThrow(() -> BAD_CREDENTIALS);
        Instant now = clock.instant();
        UUID sessionId = UUID.randomUUID();
        String secret = newSecret();
        tx.write(TenantScope.of(user.tenantId()), () -> {
            sessions.insert(new SessionRepository.SessionRow(
                    sessionId,
                    user.tenantId(),
                    user.userId(),
                    sha256(secret),
                    now,
                    now.plus(properties.auth().refreshTokenTtl()),
                    null,
                    truncate(ip, 64),
                    truncate(userAgent, 512)));
            return null;
        });
        CurrentUser withSession =
                new CurrentUser(user.userId(), user.tenantId(), user.username(), user.bindings(), sessionId.toString());
        return pair(withSession, refreshToken(user.tenantId(), sessionId, secret));
    }

    /**
     * Exchanges a refresh token for a new pair. The old refresh token stops working; presenting
     * it again later revokes the whole session, because only a thief would still hold it.
     */
    public TokenPair refresh(String refreshToken) {
        String[] parts = refreshToken == null ? new String[0] : refreshToken.split("\\.");
        if (parts.length != 4 || !REFRESH_PREFIX.equals(parts[0])) {
            throw BAD_REFRESH;
        }
        UUID tenantId;
        UUID sessionId;
        try {
            tenantId = UUID.fromString(parts[1]);
            sessionId = UUID.fromString(parts[2]);
        } catch (IllegalArgumentException e) {
            throw BAD_REFRESH;
        }
        String presented = parts[3];
        Instant now = clock.instant();
        String next = newSecret();
        // One transaction: check, rotate and load the user, with the session row locked throughout.
        Optional<CurrentUser> refreshed = tx.write(TenantScope.of(tenantId), () -> {
            var session = sessions.findForUpdate(tenantId, sessionId).orElse(null);
            if (session == null
                    || session.revokedAt() != null
                    || !session.expiresAt().isAfter(now)) {
                return Optional.<CurrentUser>empty();
            }
            if (!MessageDigest.isEqual(
                    session.refreshHash().getBytes(StandardCharsets.US_ASCII),
                    sha256(presented).getBytes(StandardCharsets.US_ASCII))) {
                // Only a copy of an already rotated token can get here: end the session for everyone.
                sessions.revoke(tenantId, sessionId, "refresh token reuse", now);
                audit.changed(
                        tenantId,
                        Actor.SYSTEM,
                        "auth.session.revoke",
                        "session",
                        sessionId,
                        Map.of("reason", "refresh token reuse", "userId", session.userId()));
                guard.forgetSession(sessionId);
                return Optional.<CurrentUser>empty();
            }
            var user = users.find(tenantId, session.userId()).filter(UserRepository.UserRow::active);
            if (user.isEmpty()) {
                sessions.revoke(tenantId, sessionId, "user inactive", now);
                audit.changed(
                        tenantId,
                        Actor.SYSTEM,
                        "auth.session.revoke",
                        "session",
                        sessionId,
                        Map.of("reason", "user inactive", "userId", session.userId()));
                return Optional.<CurrentUser>empty();
            }
            sessions.rotate(tenantId, sessionId, sha256(next), now);
            CurrentUser rotated = new CurrentUser(
                    user.get().id(),
                    tenantId,
                    user.get().username(),
                    users.bindingsOf(user.get().id()),
                    sessionId.toString());
            // Last: the tenant's audit chain stays locked from the append to the commit.
            audit.changed(tenantId, rotated.actor(), "auth.refresh", "session", sessionId, Map.of());
            return Optional.of(rotated);
        });
        return pair(refreshed.orElseThrow(() -> BAD_REFRESH), refreshToken(tenantId, sessionId, next));
    }

    public void logout(CurrentUser user) {
        if (user.sessionId() == null) {
            return;
        }
        tx.write(TenantScope.of(user.tenantId()), () -> {
            sessions.revoke(user.tenantId(), UUID.fromString(user.sessionId()), "logout", clock.instant());
            audit.changed(user.tenantId(), user.actor(), "auth.logout", "session", user.sessionId(), Map.of());
            return null;
        });
        guard.forgetSession(UUID.fromString(user.sessionId()));
    }

    private TokenPair pair(CurrentUser user, String refreshToken) {
        return new TokenPair(accessTokens.issue(user), refreshToken, "Bearer", accessTokens.ttlSeconds());
    }

    private static String refreshToken(UUID tenantId, UUID sessionId, String secret) {
        return REFRESH_PREFIX + "." + tenantId + "." + sessionId + "." + secret;
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** The login response body (shape fixed in engineering.md). */
    public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {}
}
