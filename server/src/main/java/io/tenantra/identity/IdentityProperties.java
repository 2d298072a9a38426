package io.tenantra.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings under {@code tenantra.auth.*} and {@code tenantra.bootstrap.*}. */
@ConfigurationProperties("tenantra")
record IdentityProperties(Auth auth, Bootstrap bootstrap) {

    IdentityProperties {
        auth = auth == null ? new Auth(null, null, null) : auth;
        bootstrap = bootstrap == null ? new Bootstrap(null) : bootstrap;
    }

    /**
     * @param issuer the {@code iss} claim of access tokens
     * @param accessTokenTtl lifetime of an access token; short, since it cannot be revoked
     * @param refreshTokenTtl lifetime of a session's refresh token
     */
    record Auth(String issuer, Duration accessTokenTtl, Duration refreshTokenTtl) {
        Auth {
            issuer = issuer == null || issuer.isBlank() ? "tenantra" : issuer;
            accessTokenTtl = accessTokenTtl == null ? Duration.ofMinutes(15) : accessTokenTtl;
            refreshTokenTtl = refreshTokenTtl == null ? Duration.ofHours(12) : refreshTokenTtl;
        }
    }

    /** @param adminPassword the first admin's password; random and logged once when blank */
    record Bootstrap(String adminPassword) {}
}
