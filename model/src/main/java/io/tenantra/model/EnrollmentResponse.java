package io.tenantra.model;

import java.util.UUID;

/** The answer to a successful enrollment: who the agent now is, and how it should behave. */
public record EnrollmentResponse(UUID agentId, UUID tenantId, String name, AgentConfig config, String configEtag) {}
