package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.Origin;
import io.tenantra.platform.context.TenantScope;
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
import org.springframework.stereotype.Service;

/**
 * Login, refresh and logout. Whether an attempt succeeds is {@link LoginVerifier}'s decision (rate
 * limits, lockout, password, second factor); this class turns a verified login into a session and
 * tokens. Unknown user, wrong password, inactive user and suspended tenant all get the same
 * answer, so a caller cannot probe which usernames exist.
 */
@Service
public class AuthService {

    private static final String REFRESH_PREFIX = "rt1";
    private static final ApiException BAD_REFRESH = new ApiException(
            ProblemType.UNAUTHENTICATED, "The refresh token is invalid, expired or revoked. Log in again.");

    private final UserRepository users;
    private final SessionRepository sessions;
    private final AccessTokens accessTokens;
    private final LoginVerifier verifier;
    private final MfaService mfa;
    private final TenantTransactions tx;
    private final IdentityProperties properties;
    private final Clock clock;
    private final CredentialGuard guard;
    private final AuditEvents audit;
    private final CallContexts calls;
    private final SecureRandom random = new SecureRandom();

    AuthService(
            UserRepository users,
            SessionRepository sessions,
            AccessTokens accessTokens,
            LoginVerifier verifier,
            MfaService mfa,
            TenantTransactions tx,
            IdentityProperties properties,
            CredentialGuard guard,
            AuditEvents audit,
            CallContexts calls,
            Clock clock) {
        this.guard = guard;
        this.audit = audit;
        this.calls = calls;
        this.users = users;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.verifier = verifier;
        this.mfa = mfa;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checks a username and password as a login would (limits, lockout, audit), without opening a
     * session; empty when they do not sign anybody in, including when a second factor is needed.
     */
    public Optional<CurrentUser> authenticate(String username, String password) {
        try {
            return Optional.of(signIn(new LoginVerifier.Attempt(username, password, null, Origin.NONE, "direct")));
        } catch (LoginRefused refused) {
            return Optional.empty();
        }
    }

    /**
     * Console form login: the same checks as the API login, but the session is the console's HTTP
     * session rather than a refresh token. {@code origin} is the login form's request.
     *
     * @throws LoginRefused when the attempt does not sign anybody in
     */
    CurrentUser authenticateConsole(String username, String password, String totp, Origin origin) {
        return signIn(new LoginVerifier.Attempt(username, password, totp, origin, "console"));
    }

    // A sign-in without a refresh-token session: verify, then end the failure streak and audit.
    private CurrentUser signIn(LoginVerifier.Attempt attempt) {
        LoginVerifier.Verified verified = verifier.verify(attempt);
        tx.write(TenantScope.of(verified.user().tenantId()), () -> {
            verifier.recordSuccess(verified, attempt);
            return null;
        });
        return verified.user();
    }

    /**
     * API login: checks the attempt, opens a session and returns its tokens. Refusals become 401
     * ({@code unauthenticated} or {@code mfa-required}) or 429 with Retry-After. {@code origin} is
     * the login request's, which the session also remembers.
     */
    public TokenPair login(String username, String password, String totp, Origin origin) {
        LoginVerifier.Attempt attempt = new LoginVerifier.Attempt(username, password, totp, origin, "api");
        LoginVerifier.Verified verified;
        try {
            verified = verifier.verify(attempt);
        } catch (LoginRefused refused) {
            throw refused.toApiException();
        }
        CurrentUser user = verified.user();
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
                    truncate(attempt.origin().clientAddress(), 64),
                    truncate(attempt.origin().userAgent(), 512)));
            verifier.recordSuccess(verified, attempt);
            return null;
        });
        return pair(user.withSession(sessionId.toString()), refreshToken(user.tenantId(), sessionId, secret));
    }

    /**
     * Exchanges a refresh token for a new pair. The old refresh token stops working; presenting
     * it again later revokes the whole session, because only a thief would still hold it.
     * {@code origin} is the refresh request's: the records of the refresh, or of the revocation it
     * caused, say where the token was presented from.
     */
    public TokenPair refresh(String refreshToken, Origin origin) {
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
                        sessionGuard(tenantId, origin, now),
                        AuditAction.AUTH_SESSION_REVOKE,
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
                        sessionGuard(tenantId, origin, now),
                        AuditAction.AUTH_SESSION_REVOKE,
                        "session",
                        sessionId,
                        Map.of("reason", "user inactive", "userId", session.userId()));
                return Optional.<CurrentUser>empty();
            }
            if (!guard.tenantActive(tenantId)) {
                // Refused but not revoked: suspension is reversible, and reactivation resumes the session.
                return Optional.<CurrentUser>empty();
            }
            sessions.rotate(tenantId, sessionId, sha256(next), now);
            CurrentUser rotated = new CurrentUser(
                    user.get().id(),
                    tenantId,
                    user.get().username(),
                    users.bindingsOf(user.get().id()),
                    sessionId.toString());
            // Stored when this transaction commits, in the same round trip (see io.tenantra.audit).
            audit.changed(calls.home(rotated, origin), AuditAction.AUTH_REFRESH, "session", sessionId, Map.of());
            return Optional.of(rotated);
        });
        CurrentUser user = refreshed.orElseThrow(() -> BAD_REFRESH);
        // The tenant may have started requiring MFA, or the user may have enrolled, since login.
        user = user.withMfaPending(mfa.enrolmentPending(tenantId, user.userId()));
        return pair(user, refreshToken(tenantId, sessionId, next));
    }

    /** Ends the caller's refresh-token session; callers without one (API keys, impersonation) have nothing to end. */
    public void logout(TenantContext me) {
        CurrentUser user = me.user();
        if (user.sessionId() == null) {
            return;
        }
        tx.write(TenantScope.of(user.tenantId()), () -> {
            sessions.revoke(
                    user.tenantId(),
                    UUID.fromString(user.sessionId()),
                    "logout",
                    me.call().at());
            audit.changed(me.call(), user.tenantId(), AuditAction.AUTH_LOGOUT, "session", user.sessionId(), Map.of());
            return null;
        });
        guard.forgetSession(UUID.fromString(user.sessionId()));
    }

    /**
     * The server itself ends a session it no longer trusts; the origin of the request that gave it
     * away is kept, since that is where the stolen or stale token was presented from.
     */
    private static CallContext sessionGuard(UUID tenantId, Origin origin, Instant at) {
        return new CallContext(TenantScope.of(tenantId), tenantId, Actor.system("session-guard"), null, origin, at);
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
