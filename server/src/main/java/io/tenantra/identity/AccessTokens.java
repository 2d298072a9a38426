package io.tenantra.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

/** Issues and reads the short-lived ES256 access tokens. */
@Component
class AccessTokens {

    static final String CLAIM_TENANT = "tid";
    static final String CLAIM_USERNAME = "usr";
    static final String CLAIM_BINDINGS = "bnd";
    static final String CLAIM_SESSION = "sid";
    /** RFC 8693 actor claim: who is really acting while impersonating. */
    static final String CLAIM_ACTOR = "act";

    private final SigningKeys keys;
    private final IdentityProperties properties;
    private final Clock clock;

    AccessTokens(SigningKeys keys, IdentityProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    long ttlSeconds() {
        return properties.auth().accessTokenTtl().toSeconds();
    }

    String issue(CurrentUser user) {
        return issue(user, properties.auth().accessTokenTtl());
    }

    String issue(CurrentUser user, java.time.Duration ttl) {
        Instant now = clock.instant();
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (RoleBinding b : user.bindings()) {
            bindings.add(Map.of(
                    "t",
                    b.tenantId().toString(),
                    "r",
                    b.role(),
                    "s",
                    b.subtree(),
                    "p",
                    b.permissions().stream().map(Enum::name).sorted().toList()));
        }
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer(properties.auth().issuer())
                .subject(user.userId().toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim(CLAIM_TENANT, user.tenantId().toString())
                .claim(CLAIM_USERNAME, user.username())
                .claim(CLAIM_SESSION, user.sessionId())
                .claim(CLAIM_BINDINGS, bindings);
        if (user.isImpersonated()) {
            builder.claim(CLAIM_ACTOR, Map.of("sub", user.impersonatorId().toString(), "usr", user.impersonatorName()));
        }
        JWTClaimsSet claims = builder.build();
        ECKey key = keys.current();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return jwt.serialize();
    }

    /** The decoder Spring Security uses to authenticate bearer tokens. */
    JwtDecoder decoder() {
        JWKSource<SecurityContext> source = (selector, context) -> {
            var found = selector.select(keys.verificationKeys());
            if (found.isEmpty()) {
                // Perhaps another node rotated: look again before refusing.
                keys.reload();
                found = selector.select(keys.verificationKeys());
            }
            return found;
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, source));
        processor.setJWTClaimsSetVerifier((claims, context) -> {}); // Spring's validators below
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        JwtTimestampValidator timestamps = new JwtTimestampValidator(java.time.Duration.ZERO);
        timestamps.setClock(clock);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps, new JwtIssuerValidator(properties.auth().issuer())));
        return decoder;
    }

    static CurrentUser toCurrentUser(Jwt jwt) {
        List<RoleBinding> bindings = new ArrayList<>();
        List<Object> raw = jwt.getClaim(CLAIM_BINDINGS);
        if (raw != null) {
            for (Object item : raw) {
                if (item instanceof Map<?, ?> map) {
                    List<String> names = new ArrayList<>();
                    if (map.get("p") instanceof List<?> list) {
                        list.forEach(p -> names.add(String.valueOf(p)));
                    }
                    bindings.add(new RoleBinding(
                            UUID.fromString(String.valueOf(map.get("t"))),
                            String.valueOf(map.get("r")),
                            Boolean.TRUE.equals(map.get("s")),
                            Permissions.parse(names.toArray(String[]::new))));
                }
            }
        }
        UUID impersonatorId = null;
        String impersonatorName = null;
        Map<String, Object> actor = jwt.getClaimAsMap(CLAIM_ACTOR);
        if (actor != null) {
            impersonatorId = UUID.fromString(String.valueOf(actor.get("sub")));
            impersonatorName = String.valueOf(actor.get("usr"));
        }
        return new CurrentUser(
                UUID.fromString(jwt.getSubject()),
                UUID.fromString(jwt.getClaimAsString(CLAIM_TENANT)),
                jwt.getClaimAsString(CLAIM_USERNAME),
                bindings,
                jwt.getClaimAsString(CLAIM_SESSION),
                null,
                impersonatorId,
                impersonatorName);
    }
}
