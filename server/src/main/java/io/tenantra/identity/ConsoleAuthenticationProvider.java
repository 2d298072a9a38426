package io.tenantra.identity;

import io.tenantra.platform.context.Origin;
import io.tenantra.platform.web.Origins;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Console form login, through the same checks as the API login (rate limits, lockout, MFA). The
 * form's optional code field and the client's address travel in the authentication details.
 */
@Component
class ConsoleAuthenticationProvider implements AuthenticationProvider {

    private final AuthService auth;

    ConsoleAuthenticationProvider(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        Details details = authentication.getDetails() instanceof Details d ? d : new Details(Origin.NONE, null);
        CurrentUser user;
        try {
            user = auth.authenticateConsole(username, password, details.totp(), details.origin());
        } catch (LoginRefused refused) {
            throw switch (refused.reason()) {
                case BAD_CREDENTIALS -> new BadCredentialsException(refused.getMessage());
                case TOO_MANY_ATTEMPTS -> new TooManyAttempts(refused);
                case MFA_REQUIRED -> new MfaCodeRequired(refused.getMessage());
            };
        }
        UsernamePasswordAuthenticationToken result =
                UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user));
        result.setDetails(new Details(details.origin(), null)); // never keep the code
        return result;
    }

    static List<SimpleGrantedAuthority> authorities(CurrentUser user) {
        return user.permissions().stream()
                .map(p -> new SimpleGrantedAuthority(p.authority()))
                .toList();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /**
     * What the login form sends besides username and password, and where it came from: the
     * provider never sees the request, so its origin is read here, at the edge.
     */
    record Details(Origin origin, String totp) implements Serializable {}

    /** Builds {@link Details} from the login form's request. */
    static final class DetailsSource implements AuthenticationDetailsSource<HttpServletRequest, Details> {
        @Override
        public Details buildDetails(HttpServletRequest request) {
            return new Details(Origins.of(request), request.getParameter("totp"));
        }
    }

    /** Rate limited or locked: the login page says how long to wait. */
    static final class TooManyAttempts extends AuthenticationException {
        @Serial
        private static final long serialVersionUID = 1L;

        private final long retryAfterSeconds;

        TooManyAttempts(LoginRefused refused) {
            super(refused.getMessage());
            this.retryAfterSeconds = io.tenantra.platform.web.RateLimitedException.seconds(refused.retryAfter());
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The password was right; the account needs its authentication code too. */
    static final class MfaCodeRequired extends AuthenticationException {
        @Serial
        private static final long serialVersionUID = 1L;

        MfaCodeRequired(String message) {
            super(message);
        }
    }
}
