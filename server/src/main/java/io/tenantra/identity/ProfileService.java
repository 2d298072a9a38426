package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * What signed-in users change about themselves: e-mail address, display name, password. Used by
 * {@code /api/v1/me} and the console's profile page alike.
 */
@Service
public class ProfileService {

    private static final int MAX_EMAIL = 254;
    private static final int MAX_DISPLAY_NAME = 200;
    // Deliberately loose (one @, a dot in the domain, no spaces): only the mailbox can really tell.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserRepository users;
    private final ProfileRepository profiles;
    private final SessionRepository sessions;
    private final ReAuthentication reAuthentication;
    private final PasswordRules rules;
    private final PasswordEncoder passwords;
    private final CredentialGuard guard;
    private final ConsoleSessions consoleSessions;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final Clock clock;

    /**
     * Whose profile a request reads: the caller, except that an API key may act on a tenant below
     * its creator's home, where the creator's profile is.
     */
    public static CurrentUser profileSubject(CurrentUser user, Authentication authentication) {
        return authentication instanceof ApiKeyAuthentication key
                ? new CurrentUser(
                        user.userId(),
                        key.creatorTenantId(),
                        user.username(),
                        user.bindings(),
                        user.sessionId(),
                        user.apiKeyId(),
                        user.impersonatorId(),
                        user.impersonatorName(),
                        user.mfaPending())
                : user;
    }

    ProfileService(
            UserRepository users,
            ProfileRepository profiles,
            SessionRepository sessions,
            ReAuthentication reAuthentication,
            PasswordRules rules,
            PasswordEncoder passwords,
            CredentialGuard guard,
            ConsoleSessions consoleSessions,
            TenantTransactions tx,
            AuditEvents audit,
            Clock clock) {
        this.users = users;
        this.profiles = profiles;
        this.sessions = sessions;
        this.reAuthentication = reAuthentication;
        this.rules = rules;
        this.passwords = passwords;
        this.guard = guard;
        this.consoleSessions = consoleSessions;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** The editable part of a user, as they see it themselves. */
    public record Profile(UUID id, UUID tenantId, String username, String email, String displayName) {}

    public Profile profile(CurrentUser user) {
        return tx.read(TenantScope.of(user.tenantId()), () -> load(user));
    }

    /**
     * Replaces e-mail address and display name. 409 when another user of the same tenant has the
     * address. Nothing changes, and nothing is audited, when both are as before.
     */
    public Profile update(TenantContext me, String email, String displayName) {
        CurrentUser user = me.user();
        ReAuthentication.requireThePersonThemselves(user);
        validate(email, displayName);
        String newEmail = email.strip();
        String newName = displayName.strip();
        try {
            return tx.write(TenantScope.of(user.tenantId()), () -> {
                Profile before = load(user);
                Map<String, Object> changes = new LinkedHashMap<>();
                if (!before.email().equals(newEmail)) {
                    if (profiles.emailTakenByAnother(user.tenantId(), newEmail, user.userId())) {
                        throw emailTaken();
                    }
                    changes.put("email", newEmail);
                }
                if (!before.displayName().equals(newName)) {
                    changes.put("displayName", newName);
                }
                if (changes.isEmpty()) {
                    return before;
                }
                profiles.updateProfile(
                        user.tenantId(),
                        user.userId(),
                        newEmail,
                        newName,
                        me.call().at(),
                        user.userId());
                audit.changed(me.call(), user.tenantId(), AuditAction.PROFILE_UPDATE, "user", user.userId(), changes);
                return new Profile(before.id(), before.tenantId(), before.username(), newEmail, newName);
            });
        } catch (DuplicateKeyException e) {
            throw emailTaken(); // a concurrent change won the race for the address
        }
    }

    /**
     * Sets a new password after the current one proves it is the user. Every other session of the
     * user ends, API sessions and console sessions alike; the one making the change stays.
     *
     * @param keepConsoleSession the console HTTP session making the change, or null for the API
     * @return how many sessions were ended
     */
    public int changePassword(TenantContext me, String currentPassword, String newPassword, String keepConsoleSession) {
        CurrentUser user = me.user();
        ReAuthentication.requireThePersonThemselves(user);
        Profile profile = profile(user);
        rules.require(user.tenantId(), "newPassword", newPassword, profile.username(), profile.email());
        reAuthentication.requirePassword(me, currentPassword, "currentPassword", AuditAction.PROFILE_PASSWORD);
        if (Objects.equals(currentPassword, newPassword)) {
            throw ApiException.invalid("newPassword", "must differ from the current password");
        }
        String hash = passwords.encode(newPassword); // slow on purpose: outside the transaction
        Instant now = clock.instant();
        UUID keep = user.sessionId() == null ? null : UUID.fromString(user.sessionId());
        List<UUID> revoked = tx.write(TenantScope.of(user.tenantId()), () -> {
            profiles.updatePassword(user.tenantId(), user.userId(), hash, now, user.userId());
            List<UUID> ended = sessions.revokeAllOf(user.tenantId(), user.userId(), keep, "password changed", now);
            audit.changed(
                    me.call(),
                    user.tenantId(),
                    AuditAction.PROFILE_PASSWORD,
                    "user",
                    user.userId(),
                    Map.of("sessionsRevoked", ended.size()));
            return ended;
        });
        revoked.forEach(guard::forgetSession);
        return revoked.size() + consoleSessions.expireAllOf(user.userId(), keepConsoleSession);
    }

    // The API validates the request body already; the console's form arrives here unchecked.
    private static void validate(String email, String displayName) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (email == null || email.isBlank()) {
            errors.add(new ApiException.FieldError("email", "must not be blank"));
        } else if (TextRules.length(email.strip()) > MAX_EMAIL
                || !EMAIL.matcher(email.strip()).matches()) {
            errors.add(new ApiException.FieldError("email", "must be a well-formed email address"));
        }
        if (displayName == null || displayName.isBlank()) {
            errors.add(new ApiException.FieldError("displayName", "must not be blank"));
        } else if (TextRules.length(displayName.strip()) > MAX_DISPLAY_NAME) {
            errors.add(new ApiException.FieldError("displayName", "size must be between 1 and " + MAX_DISPLAY_NAME));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
        }
    }

    private Profile load(CurrentUser user) {
        UserRepository.UserRow row =
                users.find(user.tenantId(), user.userId()).orElseThrow(() -> ApiException.notFound("The user"));
        return new Profile(row.id(), row.tenantId(), row.username(), row.email(), row.displayName());
    }

    private static ApiException emailTaken() {
        return ApiException.conflict("Another user of this tenant already uses this e-mail address.");
    }
}
