package io.tenantra.agents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.PageResponse;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/agents", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agents")
class AgentController {

    private final AgentRegistry registry;

    AgentController(AgentRegistry registry) {
        this.registry = registry;
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping
    @Operation(
            summary = "List the tenant's agents by name; filter by status, OS, tags (tag=key=value, repeatable) or q")
    PageResponse<AgentView> list(
            CallContext call,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String os,
            @RequestParam(required = false) List<String> tag,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return registry.list(call.scope(), call.tenantId(), status, os, parseTags(tag), q, limit, cursor);
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/{id}")
    @Operation(summary = "One agent; the ETag header is its config's")
    ResponseEntity<AgentView> get(CallContext call, @PathVariable UUID id) {
        AgentView agent = registry.get(call, id);
        return ResponseEntity.ok().eTag(agent.configEtag()).body(agent);
    }

    @RequiresPermission(Permission.AGENT_WRITE)
    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rename, re-tag or re-configure an agent; it fetches a changed config at its next heartbeat")
    ResponseEntity<AgentView> update(
            CallContext call, @PathVariable UUID id, @Valid @RequestBody PatchRequest request) {
        ConfigPatch c = request.config();
        AgentView agent = registry.update(
                call,
                id,
                request.name(),
                request.tags(),
                c == null
                        ? null
                        : new AgentRegistry.ConfigChange(
                                c.modules(), c.heartbeatSeconds(), c.moduleTimeoutSeconds(), c.pollWaitSeconds()));
        return ResponseEntity.ok().eTag(agent.configEtag()).body(agent);
    }

    @RequiresPermission(Permission.AGENT_WRITE)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an agent: its signed requests are refused from now on and its open jobs cancelled")
    void revoke(CallContext call, @PathVariable UUID id) {
        registry.revoke(call, id);
    }

    static Map<String, String> parseTags(List<String> tags) {
        Map<String, String> parsed = new TreeMap<>();
        if (tags == null) {
            return parsed;
        }
        for (String tag : tags) {
            int eq = tag.indexOf('=');
            if (eq <= 0) {
                throw ApiException.invalid("tag", "must look like key=value");
            }
            parsed.put(tag.substring(0, eq), tag.substring(eq + 1));
        }
        return parsed;
    }

    record PatchRequest(String name, Map<String, String> tags, ConfigPatch config) {}

    record ConfigPatch(
            List<String> modules, Integer heartbeatSeconds, Integer moduleTimeoutSeconds, Integer pollWaitSeconds) {}
}
