package io.tenantra.agents;

import io.tenantra.model.AgentConfig;
import io.tenantra.platform.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.stereotype.Component;

/** Per-agent configs: the default for new agents, validation of changes, and their ETags. */
@Component
class AgentConfigs {

    static final int MIN_HEARTBEAT = 5;
    static final int MAX_HEARTBEAT = 3600;
    static final int MIN_MODULE_TIMEOUT = 5;
    static final int MAX_MODULE_TIMEOUT = 3600;
    static final int MAX_POLL_WAIT = 60;

    private final AgentsProperties properties;
    private final AgentJson json;

    AgentConfigs(AgentsProperties properties, AgentJson json) {
        this.properties = properties;
        this.json = json;
    }

    AgentConfig defaults() {
        return new AgentConfig(
                properties.defaultModules(),
                properties.heartbeatSeconds(),
                properties.moduleTimeoutSeconds(),
                properties.pollWaitSeconds());
    }

    /** {@code current} with the given fields replaced (null: unchanged), validated. */
    AgentConfig change(
            AgentConfig current, List<String> modules, Integer heartbeat, Integer moduleTimeout, Integer pollWait) {
        AgentConfig next = new AgentConfig(
                modules == null ? current.modules() : checkModules(modules, "config.modules"),
                heartbeat == null ? current.heartbeatSeconds() : heartbeat,
                moduleTimeout == null ? current.moduleTimeoutSeconds() : moduleTimeout,
                pollWait == null ? current.pollWaitSeconds() : pollWait);
        range(next.heartbeatSeconds(), MIN_HEARTBEAT, MAX_HEARTBEAT, "config.heartbeatSeconds");
        range(next.moduleTimeoutSeconds(), MIN_MODULE_TIMEOUT, MAX_MODULE_TIMEOUT, "config.moduleTimeoutSeconds");
        range(next.pollWaitSeconds(), 0, MAX_POLL_WAIT, "config.pollWaitSeconds");
        return next;
    }

    /** Known, distinct module names in their given order; 422 on {@code field} otherwise. */
    List<String> checkModules(List<String> modules, String field) {
        if (modules.isEmpty() || modules.size() > properties.knownModules().size()) {
            throw ApiException.invalid(
                    field,
                    "must name between 1 and " + properties.knownModules().size() + " modules");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String module : modules) {
            if (module == null || !properties.knownModules().contains(module)) {
                throw ApiException.invalid(
                        field, "'" + module + "' is not a known module; known: " + properties.knownModules());
            }
            if (!distinct.add(module)) {
                throw ApiException.invalid(field, "names '" + module + "' twice");
            }
        }
        return List.copyOf(distinct);
    }

    /** A strong ETag over the config's JSON form: equal configs give equal tags on every node. */
    String etag(AgentConfig config) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.write(config).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw ApiException.invalid(field, "must be between " + min + " and " + max);
        }
    }
}
