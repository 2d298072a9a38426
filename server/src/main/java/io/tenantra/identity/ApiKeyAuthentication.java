package io.tenantra.identity;

import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request authenticated with an API key. The principal acts for the key's creator on the key's
 * tenant; the creator's own home tenant is kept alongside, since their profile lives there.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser principal;
    private final UUID creatorTenantId;

    ApiKeyAuthentication(CurrentUser principal, UUID creatorTenantId) {
        super(ConsoleAuthenticationProvider.authorities(principal));
        this.principal = principal;
        this.creatorTenantId = creatorTenantId;
        setAuthenticated(true);
    }

    @Override
    public CurrentUser getPrincipal() {
        return principal;
    }

    /** Never the key: it is not kept after authentication. */
    @Override
    public Object getCredentials() {
        return null;
    }

    UUID creatorTenantId() {
        return creatorTenantId;
    }
}
