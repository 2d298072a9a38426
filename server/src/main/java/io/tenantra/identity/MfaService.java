package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.tenancy.TenantDirectory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Multi-factor authentication with a TOTP authenticator app: enrolment (a new secret, shown once
 * as text and QR code, then proved with a code), recovery codes, turning it off, and checking the
 * second factor at login. The API ({@code /api/v1/me/mfa}) and the console's profile page both go
 * through here, so they follow the same rules.
 */
@Service
public class MfaService {

    static final String ISSUER = "Tenantra";
    static final String METHOD_TOTP = "totp";
    static final String METHOD_RECOVERY_CODE = "recovery_code";
    private static final int SECRET_BYTES = 20; // RFC 4226 recommends 160 bits for HMAC-SHA1

    private final MfaRepository mfa;
    private final TenantTransactions tx;
    private final TenantDirectory tenants;
    private final ReAuthentication reAuthentication;
    private final AuditEvents audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MfaService(
            MfaRepository mfa,
            TenantTransactions tx,
            TenantDirectory tenants,
            ReAuthentication reAuthentication,
            AuditEvents audit,
            Clock clock) {
        this.mfa = mfa;
        this.tx = tx;
        this.tenants = tenants;
        this.reAuthentication = reAuthentication;
        this.audit = audit;
        this.clock = clock;
    }

    /** A started enrolment: the secret as text, as an {@code otpauth://} URI and as a QR code PNG. */
    public record Enrolment(String secret, String otpauthUri, String qrCode) {}

    /**
     * @param enabled an authenticator is confirmed and required at every login
     * @param enrolmentStarted a secret was handed out but not yet confirmed with a code
     * @param required the user's tenant or one of its ancestors requires MFA
     * @param recoveryCodesLeft unused recovery codes
     */
    public record Status(boolean enabled, boolean enrolmentStarted, boolean required, int recoveryCodesLeft) {}

    public Status status(CurrentUser user) {
        Optional<MfaRepository.MfaRow> row =
                tx.read(TenantScope.of(user.tenantId()), () -> mfa.find(user.tenantId(), user.userId()));
        return new Status(
                row.map(MfaRepository.MfaRow::confirmed).orElse(false),
                row.map(r -> !r.confirmed()).orElse(false),
                tenants.mfaRequired(user.tenantId()),
                row.filter(MfaRepository.MfaRow::confirmed)
                        .map(r -> r.recoveryHashes().size())
                        .orElse(0));
    }

    /** Hands out a new secret; starting again replaces an unconfirmed one. 409 when MFA is on. */
    public Enrolment start(TenantContext me) {
        CurrentUser user = me.user();
        ReAuthentication.requireThePersonThemselves(user);
        byte[] key = new byte[SECRET_BYTES];
        random.nextBytes(key);
        String secret = Base32.encode(key);
        tx.write(TenantScope.of(user.tenantId()), () -> {
            if (mfa.findForUpdate(user.tenantId(), user.userId())
                    .filter(MfaRepository.MfaRow::confirmed)
                    .isPresent()) {
                throw ApiException.conflict("Multi-factor authentication is already enabled. "
                        + "Turn it off before enrolling another authenticator.");
            }
            mfa.savePending(user.tenantId(), user.userId(), secret, me.call().at());
            audit.changed(
                    me.call(), user.tenantId(), AuditAction.MFA_ENROL, "user", user.userId(), Map.of("method", "totp"));
            return null;
        });
        String uri = otpauthUri(user.username(), secret);
        return new Enrolment(secret, uri, QrCodes.pngDataUri(uri));
    }

    /** Proves the enrolment with a code and turns MFA on; returns the recovery codes, shown only now. */
    public List<String> confirm(TenantContext me, String code) {
        CurrentUser user = me.user();
        ReAuthentication.requireThePersonThemselves(user);
        requireTotpFormat(code);
        Instant now = clock.instant();
        List<String> codes = RecoveryCodes.generate();
        tx.write(TenantScope.of(user.tenantId()), () -> {
            MfaRepository.MfaRow row = mfa.findForUpdate(user.tenantId(), user.userId())
                    .orElseThrow(() -> ApiException.conflict("No enrolment is in progress: start one first."));
            if (row.confirmed()) {
                throw ApiException.conflict("Multi-factor authentication is already enabled.");
            }
            OptionalLong step = Totp.verify(Base32.decode(row.secret()), code.strip(), Totp.stepAt(now), null);
            if (step.isEmpty()) {
                throw ApiException.invalid(
                        "code", "is not the current code for this secret (check the device's clock and try again)");
            }
            mfa.confirm(user.tenantId(), user.userId(), now, step.getAsLong(), RecoveryCodes.hashAll(codes));
            audit.changed(
                    me.call(),
                    user.tenantId(),
                    AuditAction.MFA_ENABLE,
                    "user",
                    user.userId(),
                    Map.of("method", "totp", "recoveryCodes", codes.size()));
            return null;
        });
        return codes;
    }

    /**
     * Turns MFA off after the password and a current code (or a recovery code) prove it is the
     * user. 409 when the tenant requires MFA or it is not on.
     */
    public void disable(TenantContext me, String currentPassword, String code) {
        CurrentUser user = me.user();
        ReAuthentication.requireThePersonThemselves(user);
        if (tenants.mfaRequired(user.tenantId())) {
            throw ApiException.conflict(
                    "Your organisation requires multi-factor authentication; it cannot be turned off.");
        }
        requireEnabled(user);
        reAuthentication.requirePassword(me, currentPassword, "currentPassword", AuditAction.MFA_DISABLE);
        boolean done = tx.write(TenantScope.of(user.tenantId()), () -> {
            if (useCode(user.tenantId(), user.userId(), code, true).isEmpty()) {
                return false;
            }
            mfa.delete(user.tenantId(), user.userId());
            audit.changed(me.call(), user.tenantId(), AuditAction.MFA_DISABLE, "user", user.userId(), Map.of());
            return true;
        });
        if (!done) {
            reAuthentication.failed(me, AuditAction.MFA_DISABLE, "wrong_code");
            throw ApiException.invalid("code", "is incorrect or was already used");
        }
    }

    /** Replaces all recovery codes after a current authenticator code; returns the new ones. */
    public List<String> regenerateRecoveryCodes(TenantContext me, String code) {
        CurrentUser user = me.user();
        ReAuthentication.requireThePersonThemselves(user);
        requireTotpFormat(code);
        requireEnabled(user);
        List<String> codes = RecoveryCodes.generate();
        boolean done = tx.write(TenantScope.of(user.tenantId()), () -> {
            if (useCode(user.tenantId(), user.userId(), code, false).isEmpty()) {
                return false;
            }
            mfa.saveRecoveryHashes(user.tenantId(), user.userId(), RecoveryCodes.hashAll(codes));
            audit.changed(
                    me.call(),
                    user.tenantId(),
                    AuditAction.MFA_RECOVERY_CODES_REGENERATE,
                    "user",
                    user.userId(),
                    Map.of("recoveryCodes", codes.size()));
            return true;
        });
        if (!done) {
            reAuthentication.failed(me, AuditAction.MFA_RECOVERY_CODES_REGENERATE, "wrong_code");
            throw ApiException.invalid("code", "is incorrect or was already used");
        }
        return codes;
    }

    boolean isEnabled(UUID tenantId, UUID userId) {
        return tx.read(TenantScope.of(tenantId), () -> mfa.isEnabled(tenantId, userId));
    }

    /** Whether the user must still enrol: the tenant requires MFA and none is confirmed. */
    boolean enrolmentPending(UUID tenantId, UUID userId) {
        return !isEnabled(tenantId, userId) && tenants.mfaRequired(tenantId);
    }

    /**
     * Checks a login's second factor and uses it up: a TOTP code's step can never be accepted
     * again, a recovery code is deleted. Returns the method that matched.
     */
    Optional<String> verifyAtLogin(UUID tenantId, UUID userId, String code) {
        return tx.write(TenantScope.of(tenantId), () -> useCode(tenantId, userId, code, true));
    }

    // Inside a transaction on the user's tenant.
    private Optional<String> useCode(UUID tenantId, UUID userId, String code, boolean allowRecoveryCode) {
        MfaRepository.MfaRow row = mfa.findForUpdate(tenantId, userId)
                .filter(MfaRepository.MfaRow::confirmed)
                .orElse(null);
        if (row == null || code == null) {
            return Optional.empty();
        }
        String candidate = code.strip();
        OptionalLong step =
                Totp.verify(Base32.decode(row.secret()), candidate, Totp.stepAt(clock.instant()), row.lastUsedStep());
        if (step.isPresent()) {
            mfa.markStepUsed(tenantId, userId, step.getAsLong());
            return Optional.of(METHOD_TOTP);
        }
        if (allowRecoveryCode && RecoveryCodes.looksLikeOne(candidate)) {
            OptionalInt index = RecoveryCodes.match(row.recoveryHashes(), candidate);
            if (index.isPresent()) {
                List<String> left = new ArrayList<>(row.recoveryHashes());
                left.remove(index.getAsInt());
                mfa.saveRecoveryHashes(tenantId, userId, left);
                return Optional.of(METHOD_RECOVERY_CODE);
            }
        }
        return Optional.empty();
    }

    private void requireEnabled(CurrentUser user) {
        if (!isEnabled(user.tenantId(), user.userId())) {
            throw ApiException.conflict("Multi-factor authentication is not enabled.");
        }
    }

    private static void requireTotpFormat(String code) {
        if (code == null || !code.strip().matches("\\d{" + Totp.DIGITS + "}")) {
            throw ApiException.invalid("code", "must be the " + Totp.DIGITS + "-digit code from the authenticator app");
        }
    }

    static String otpauthUri(String username, String secret) {
        String label = encode(ISSUER + ":" + username);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(ISSUER) + "&algorithm=SHA1&digits="
                + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
