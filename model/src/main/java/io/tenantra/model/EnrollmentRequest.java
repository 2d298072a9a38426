package io.tenantra.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code POST /api/v1/agent/enroll}: an enrollment token proves the right to join a tenant; the
 * public key becomes the agent's identity for every later request.
 *
 * @param token the enrollment token as shown once when it was created
 * @param publicKey the agent's Ed25519 public key, X.509 SubjectPublicKeyInfo, base64 (standard)
 * @param name display name; the hostname when absent
 * @param tags labels chosen on the command line, merged over the token's own tags
 */
public record EnrollmentRequest(String token, String publicKey, String name, Map<String, String> tags, HostFacts host) {

    public EnrollmentRequest {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
