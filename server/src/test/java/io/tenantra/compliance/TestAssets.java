package io.tenantra.compliance;

import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Enrolls real agent identities (assets) through the API, for compliance tests that need assets. */
public final class TestAssets {

    private TestAssets() {}

    /** A freshly enrolled linux agent with these tags in {@code tenant}; returns its id. */
    public static UUID enroll(Http http, String adminToken, UUID tenant, Map<String, String> tags) {
        Http.Response token = http.postJson(
                "/api/v1/tenants/" + tenant + "/enrollment-tokens",
                adminToken,
                Map.of("name", Fixtures.unique("compliance-token")));
        if (token.status() != 201) {
            throw new AssertionError("setup failed: " + token.body());
        }
        String publicKey;
        try {
            publicKey = Base64.getEncoder()
                    .encodeToString(KeyPairGenerator.getInstance("Ed25519")
                            .generateKeyPair()
                            .getPublic()
                            .getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> host = Map.of(
                "hostname", Fixtures.unique("compliance-host"),
                "osFamily", "linux",
                "osVersion", "12",
                "architecture", "amd64",
                "agentVersion", "0.1.0-test",
                "ipAddresses", List.of("10.0.0.7"));
        Http.Response enrolled = http.postJson(
                "/api/v1/agent/enroll",
                null,
                Map.of(
                        "token",
                        token.json().get("token").asString(),
                        "publicKey",
                        publicKey,
                        "tags",
                        tags,
                        "host",
                        host));
        if (enrolled.status() != 201) {
            throw new AssertionError("setup failed: " + enrolled.body());
        }
        return UUID.fromString(enrolled.json().get("agentId").asString());
    }
}
