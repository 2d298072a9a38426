package io.tenantra.agents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.model.EnrollmentRequest;
import io.tenantra.model.EnrollmentResponse;
import io.tenantra.model.Heartbeat;
import io.tenantra.model.HeartbeatResponse;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import io.tenantra.platform.web.Origins;
import io.tenantra.platform.web.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The agent-facing calls other than jobs: enroll (public: the token is the credential), then,
 * signed, heartbeat and config. {@code @AuthenticatedEndpoint} here means "authenticated as an
 * agent": the agent filter chain accepts nothing else on these paths.
 */
@RestController
@RequestMapping(path = "/api/v1/agent", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agent protocol")
class AgentProtocolController {

    private final Enrollment enrollment;
    private final HeartbeatRecorder heartbeats;
    private final AgentIdentities identities;
    private final AgentRegistry registry;
    private final ContentSigningKey contentKey;
    private final Clock clock;

    AgentProtocolController(
            Enrollment enrollment,
            HeartbeatRecorder heartbeats,
            AgentIdentities identities,
            AgentRegistry registry,
            ContentSigningKey contentKey,
            Clock clock) {
        this.contentKey = contentKey;
        this.enrollment = enrollment;
        this.heartbeats = heartbeats;
        this.identities = identities;
        this.registry = registry;
        this.clock = clock;
    }

    @PublicEndpoint
    @PostMapping(path = "/enroll", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Enroll with a token and an Ed25519 public key; answers the new agent's id and config")
    EnrollmentResponse enroll(@RequestBody EnrollmentRequest request, HttpServletRequest http) {
        return enrollment.enroll(request, Origins.of(http));
    }

    @AuthenticatedEndpoint
    @PostMapping(path = "/heartbeat", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Report liveness; answers the config ETag. Writes nothing per request (coalesced)")
    HeartbeatResponse heartbeat(@AuthenticationPrincipal AgentPrincipal agent, @RequestBody Heartbeat heartbeat) {
        String version = heartbeat.agentVersion();
        if (version != null && version.length() > 64) {
            throw ApiException.invalid("agentVersion", "must be at most 64 characters");
        }
        Instant now = clock.instant();
        heartbeats.record(agent, now, version);
        var identity = identities.find(agent.agentId()).orElseThrow(() -> ApiException.notFound("The agent"));
        return new HeartbeatResponse(
                identity.configEtag(),
                identity.heartbeatSeconds(),
                now,
                contentKey.publicKeyBase64(),
                contentKey.keyId());
    }

    @AuthenticatedEndpoint
    @GetMapping("/config")
    @Operation(summary = "The agent's config; 304 when If-None-Match carries its current ETag")
    ResponseEntity<?> config(
            @AuthenticationPrincipal AgentPrincipal agent,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        var identity = identities.find(agent.agentId()).orElseThrow(() -> ApiException.notFound("The agent"));
        if (ifNoneMatch != null && ifNoneMatch.equals(identity.configEtag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(identity.configEtag())
                    .build();
        }
        var row = registry.row(agent.tenantId(), agent.agentId()).orElseThrow(() -> ApiException.notFound("The agent"));
        return ResponseEntity.ok().eTag(row.configEtag()).body(row.config());
    }
}
