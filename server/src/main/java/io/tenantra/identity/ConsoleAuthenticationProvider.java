package io.tenantra.identity;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Console form login, through the same checks as the API login. */
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
        CurrentUser user = auth.authenticate(username, password)
                .orElseThrow(() -> new BadCredentialsException("The username or password is incorrect."));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user));
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
}
