package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.Origin;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.TenantDirectory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Decides one login attempt, for the API and the console alike: rate limits per address and
 * username, the account's lockout, the password, the account's and tenant's state, and the second
 * factor. Every refusal is audited (without the password) and, when it is a wrong guess, counted
 * towards the lockout. Unknown usernames go through the same steps and cost the same password
 * check, so neither the answer nor its timing tells whether an account exists.
 */
@Component
class LoginVerifier {

    static final int MAX_USERNAME = 100;
    static final int MAX_PASSWORD = 1024;

    private final LoginRateLimiter limiter;
    private final LoginRepository logins;
    private final AccountLockout lockout;
    private final MfaService mfa;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final CredentialGuard guard;
    private final TenantTransactions tx;
    private final TenantDirectory tenants;
    private final AuditEvents audit;
    private final CallContexts calls;
    // Compared against when there is no hash to check, so every path costs one hash check.
    private final String decoyHash;

    LoginVerifier(
            LoginRateLimiter limiter,
            LoginRepository logins,
            AccountLockout lockout,
            MfaService mfa,
            UserRepository users,
            PasswordEncoder passwords,
            CredentialGuard guard,
            TenantTransactions tx,
            TenantDirectory tenants,
            AuditEvents audit,
            CallContexts calls) {
        this.limiter = limiter;
        this.logins = logins;
        this.lockout = lockout;
        this.mfa = mfa;
        this.users = users;
        this.passwords = passwords;
        this.guard = guard;
        this.tx = tx;
        this.tenants = tenants;
        this.audit = audit;
        this.calls = calls;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /**
     * One attempt as it arrived; {@code channel} is {@code api}, {@code console} or {@code direct},
     * and {@code origin} is the request it came in, read at the edge.
     */
    record Attempt(String username, String password, String totp, Origin origin, String channel) {
        Attempt {
            origin = origin == null ? Origin.NONE : origin;
        }
    }

    /** A successful check: the user (with bindings, no session yet) and how the second factor was met. */
    record Verified(CurrentUser user, LoginRepository.LoginCandidate account, String secondFactor) {}

    /** @throws LoginRefused for every outcome but success */
    Verified verify(Attempt attempt) {
        String username = attempt.username() == null ? "" : attempt.username().strip();
        String claimed = username.length() > MAX_USERNAME ? username.substring(0, MAX_USERNAME) : username;
        limiter.tryAcquire(attempt.origin().clientAddress(), claimed).ifPresent(wait -> {
            throw LoginRefused.tooManyAttempts(wait);
        });
        String password = attempt.password();
        if (username.isEmpty()
                || username.length() > MAX_USERNAME
                || password == null
                || password.length() > MAX_PASSWORD) {
            throw LoginRefused.badCredentials(); // no account has such a name or password
        }
        Optional<LoginRepository.LoginCandidate> found = logins.find(username);
        if (found.isEmpty()) {
            throw refuseUnknown(claimed, password, attempt);
        }
        LoginRepository.LoginCandidate account = found.get();
        Optional<Duration> locked = lockout.remaining(account.lock());
        if (locked.isPresent()) {
            auditFailure(account.tenantId(), claimed, account.userId(), "account_locked", attempt);
            throw LoginRefused.tooManyAttempts(locked.get());
        }
        String failure = credentialFailure(account, password);
        if (failure != null) {
            fail(account, claimed, failure, attempt);
            throw LoginRefused.badCredentials();
        }
        String secondFactor = "none";
        if (account.mfaEnabled()) {
            String code = attempt.totp() == null ? "" : attempt.totp().strip();
            if (code.isEmpty()) {
                auditFailure(account.tenantId(), claimed, account.userId(), "mfa_code_missing", attempt);
                throw LoginRefused.mfaRequired(false);
            }
            Optional<String> method = mfa.verifyAtLogin(account.tenantId(), account.userId(), code);
            if (method.isEmpty()) {
                fail(account, claimed, "mfa_code_wrong", attempt);
                throw LoginRefused.mfaRequired(true);
            }
            secondFactor = method.get();
        }
        boolean enrolmentPending = !account.mfaEnabled() && tenants.mfaRequired(account.tenantId());
        CurrentUser user = new CurrentUser(
                        account.userId(),
                        account.tenantId(),
                        account.username(),
                        users.bindingsOf(account.userId()),
                        null)
                .withMfaPending(enrolmentPending);
        return new Verified(user, account, secondFactor);
    }

    /**
     * Ends the failure streak and audits the login, as the user now signed in from the attempt's
     * origin; call inside the transaction that completes it.
     */
    void recordSuccess(Verified verified, Attempt attempt) {
        CurrentUser user = verified.user();
        lockout.reset(user.tenantId(), user.userId(), verified.account().lock());
        audit.happened(
                calls.home(user, attempt.origin()),
                AuditAction.AUTH_LOGIN,
                "user",
                user.userId(),
                Map.of(
                        "channel", attempt.channel(),
                        "secondFactor", verified.secondFactor(),
                        "mfaEnrolmentPending", user.mfaPending()),
                AuditEvent.Outcome.SUCCESS);
    }

    private String credentialFailure(LoginRepository.LoginCandidate account, String password) {
        String hash = account.passwordHash();
        boolean matches = passwords.matches(password, hash == null ? decoyHash : hash) && hash != null;
        if (!matches) {
            return hash == null ? "no_password_set" : "wrong_password";
        }
        if (!account.active()) {
            return "user_inactive";
        }
        if (!account.tenantActive() || !guard.tenantActive(account.tenantId())) {
            return "tenant_suspended";
        }
        return null;
    }

    private LoginRefused refuseUnknown(String claimed, String password, Attempt attempt) {
        UUID trail = tenants.rootTenantId().orElse(null);
        Optional<Duration> locked = lockout.remainingForUnknown(claimed);
        if (locked.isPresent()) {
            auditFailure(trail, claimed, null, "account_locked", attempt);
            return LoginRefused.tooManyAttempts(locked.get());
        }
        passwords.matches(password, decoyHash);
        lockout.recordUnknownFailure(claimed, trail, Actor.anonymous(claimed), attempt.origin());
        auditFailure(trail, claimed, null, "unknown_user", attempt);
        return LoginRefused.badCredentials();
    }

    private void fail(LoginRepository.LoginCandidate account, String claimed, String reason, Attempt attempt) {
        tx.write(TenantScope.of(account.tenantId()), () -> {
            lockout.recordFailure(account.tenantId(), account.userId(), Actor.anonymous(claimed), attempt.origin());
            auditFailure(account.tenantId(), claimed, account.userId(), reason, attempt);
            return null;
        });
    }

    // Nobody is signed in yet: the record names the claimed username, from the attempt's origin.
    private void auditFailure(UUID tenantId, String claimed, UUID userId, String reason, Attempt attempt) {
        if (tenantId == null) {
            return; // before the first start has created the root tenant there is no trail yet
        }
        audit.happenedBeforeAuthentication(
                tenantId,
                Actor.anonymous(claimed),
                attempt.origin(),
                AuditAction.AUTH_LOGIN_FAILURE,
                "user",
                userId,
                Map.of("reason", reason, "channel", attempt.channel()),
                AuditEvent.Outcome.FAILURE);
    }
}
