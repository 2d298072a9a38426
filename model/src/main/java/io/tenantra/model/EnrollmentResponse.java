package io.tenantra.model;

import java.util.UUID;

/**
 * The answer to a successful enrollment: who the agent now is, and how it should behave.
 *
 * @param contentKey the server's content key (Ed25519, X.509 SubjectPublicKeyInfo, base64) that
 *     signs the probes in jobs; the agent pins it
 * @param contentKeyId its id, as jobs name it in {@link Job#probeKeyId()}
 */
public record EnrollmentResponse(
        UUID agentId,
        UUID tenantId,
        String name,
        AgentConfig config,
        String configEtag,
        String contentKey,
        String contentKeyId) {}
