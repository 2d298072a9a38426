package io.tenantra.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Sends a refused console login back to the login page with what the page should say: wrong
 * credentials ({@code ?error}), too many attempts ({@code ?locked=seconds}) or a missing or wrong
 * authentication code ({@code ?mfa}). The username never goes into the URL.
 */
final class ConsoleLoginFailureHandler implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        String query;
        if (exception instanceof ConsoleAuthenticationProvider.TooManyAttempts tooMany) {
            query = "locked=" + tooMany.retryAfterSeconds();
        } else if (exception instanceof ConsoleAuthenticationProvider.MfaCodeRequired) {
            query = "mfa";
        } else {
            query = "error";
        }
        response.sendRedirect(request.getContextPath() + "/login?" + query);
    }
}
