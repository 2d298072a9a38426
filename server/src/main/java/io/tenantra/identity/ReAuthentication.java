package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.RateLimitedException;
import java.time.Duration;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes a signed-in user prove again that it is them before a sensitive change (new password,
 * MFA off). Wrong answers count towards the same lockout as failed logins, so a stolen session
 * cannot be used to guess the password or the second factor at leisure; while the account is
 * locked these changes answer 429 like login does.
 */
@Component
class ReAuthentication {

    private final LoginRepository logins;
    private final AccountLockout lockout;
    private final PasswordEncoder passwords;
    private final TenantTransactions tx;
    private final AuditEvents audit;

    ReAuthentication(
            LoginRepository logins,
            AccountLockout lockout,
            PasswordEncoder passwords,
            TenantTransactions tx,
            AuditEvents audit) {
        this.logins = logins;
        this.lockout = lockout;
        this.passwords = passwords;
        this.tx = tx;
        this.audit = audit;
    }

    /** Refuses API keys and impersonators: only the person themselves may change how they sign in. */
    static void requireThePersonThemselves(CurrentUser user) {
        if (user.isImpersonated()) {
            throw ApiException.forbidden("Sign-in credentials cannot be changed while impersonating a user.");
        }
        if (user.apiKeyId() != null) {
            throw ApiException.forbidden("Sign-in credentials cannot be changed with an API key.");
        }
    }

    /**
     * Checks the caller's current password: 429 while the account is locked, 422 on {@code field}
     * when wrong (the failure is counted and audited as {@code action} first, and committed).
     */
    void requirePassword(TenantContext me, String password, String field, AuditAction action) {
        CurrentUser user = me.user();
        LoginRepository.StoredPassword stored = tx.read(
                        TenantScope.of(user.tenantId()), () -> logins.storedPassword(user.tenantId(), user.userId()))
                .orElseThrow(() -> ApiException.notFound("The user"));
        requireNotLocked(stored.lock());
        boolean matches = stored.hash() != null && password != null && passwords.matches(password, stored.hash());
        if (!matches) {
            failed(me, action, "wrong_current_password");
            throw ApiException.invalid(field, "is incorrect");
        }
    }

    /** 429 when {@code lock} is still running. */
    void requireNotLocked(LockoutPolicy.State lock) {
        lockout.remaining(lock).ifPresent(remaining -> {
            throw tooManyAttempts(remaining);
        });
    }

    /** Counts a failed proof (password or code) against the account and audits it, committed at once. */
    void failed(TenantContext me, AuditAction action, String reason) {
        // The account lives on the user's home tenant: its lock and its records belong there.
        CallContext call = me.call().onTenant(me.user().tenantId());
        tx.write(call.scope(), () -> {
            lockout.recordFailure(call, me.user().userId());
            audit.happened(
                    call, action, "user", me.user().userId(), Map.of("reason", reason), AuditEvent.Outcome.FAILURE);
            return null;
        });
    }

    static RateLimitedException tooManyAttempts(Duration wait) {
        return new RateLimitedException(
                "Too many attempts. Try again in " + RateLimitedException.seconds(wait) + " seconds.", wait);
    }
}
