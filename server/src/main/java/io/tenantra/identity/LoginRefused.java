package io.tenantra.identity;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.time.Duration;

/**
 * Why a login attempt was turned down, independent of the channel: the API turns it into a
 * problem response, the console into a message on its login page.
 */
final class LoginRefused extends RuntimeException {

    enum Reason {
        /** Unknown user, wrong password, inactive user or suspended tenant: one answer for all. */
        BAD_CREDENTIALS,
        /** Rate limit or account lock: try again after {@link #retryAfter()}. */
        TOO_MANY_ATTEMPTS,
        /** The password was right but the second factor is missing, wrong or already used. */
        MFA_REQUIRED
    }

    static final String BAD_CREDENTIALS_DETAIL = "The username or password is incorrect.";

    private final Reason reason;
    private final Duration retryAfter;

    private LoginRefused(Reason reason, String detail, Duration retryAfter) {
        super(detail, null, false, false); // expected outcome: no stack trace to fill
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    static LoginRefused badCredentials() {
        return new LoginRefused(Reason.BAD_CREDENTIALS, BAD_CREDENTIALS_DETAIL, null);
    }

    static LoginRefused tooManyAttempts(Duration wait) {
        return new LoginRefused(
                Reason.TOO_MANY_ATTEMPTS, ReAuthentication.tooManyAttempts(wait).getMessage(), wait);
    }

    static LoginRefused mfaRequired(boolean codeWasSent) {
        return new LoginRefused(
                Reason.MFA_REQUIRED,
                codeWasSent
                        ? "The authentication code is incorrect or was already used. Send a current code from the"
                                + " authenticator app, or an unused recovery code, as totp."
                        : "This account uses multi-factor authentication. Send the current code from the"
                                + " authenticator app, or a recovery code, as totp.",
                null);
    }

    Reason reason() {
        return reason;
    }

    Duration retryAfter() {
        return retryAfter;
    }

    ApiException toApiException() {
        return switch (reason) {
            case BAD_CREDENTIALS -> new ApiException(ProblemType.UNAUTHENTICATED, getMessage());
            case TOO_MANY_ATTEMPTS -> ReAuthentication.tooManyAttempts(retryAfter);
            case MFA_REQUIRED -> new ApiException(ProblemType.MFA_REQUIRED, getMessage());
        };
    }
}
