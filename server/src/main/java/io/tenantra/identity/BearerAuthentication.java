package io.tenantra.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * The API's two kinds of bearer token: {@code tnk_...} API keys go to {@link ApiKeyAuthenticator},
 * everything else is an access token (JWT), checked exactly as before API keys existed. Plugged
 * into the resource server in {@link SecurityConfiguration}.
 */
@Component
class BearerAuthentication implements AuthenticationManagerResolver<HttpServletRequest> {

    private final AuthenticationManager jwt;
    private final ApiKeyAuthenticator apiKeys;

    BearerAuthentication(
            AccessTokens tokens, CredentialGuard guard, ImpersonatorCheck impersonators, ApiKeyAuthenticator apiKeys) {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(tokens.decoder());
        provider.setJwtAuthenticationConverter(token -> toAuthentication(token, guard, impersonators));
        this.jwt = new ProviderManager(provider);
        this.apiKeys = apiKeys;
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        return authentication -> {
            if (authentication instanceof BearerTokenAuthenticationToken bearer
                    && ApiKeyFormat.looksLikeKey(bearer.getToken())) {
                return apiKeys.authenticate(bearer.getToken(), request);
            }
            return jwt.authenticate(authentication);
        };
    }

    private static AbstractAuthenticationToken toAuthentication(
            Jwt jwt, CredentialGuard guard, ImpersonatorCheck impersonators) {
        CurrentUser user = AccessTokens.toCurrentUser(jwt);
        if (!guard.isValid(user) || !impersonators.stillAllowed(user)) {
            // Signed and unexpired, but the user, session, tenant or impersonator has since been switched off.
            throw new DisabledException("credentials revoked");
        }
        return UsernamePasswordAuthenticationToken.authenticated(
                user, jwt, ConsoleAuthenticationProvider.authorities(user));
    }
}
