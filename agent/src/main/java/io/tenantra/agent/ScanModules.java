package io.tenantra.agent;

import io.tenantra.agent.modules.ModuleRegistry;
import io.tenantra.agent.modules.ScanEnvironment;
import java.util.Map;

/**
 * Plugs the scanning modules into the daemon's job execution: a job names modules, the registry
 * finds them, and the modules' own runner applies their limits and low priority. A name the
 * registry does not know yields null, which the executor reports as "unknown module".
 */
final class ScanModules {

    private ScanModules() {}

    static ModuleRunner runner(ModuleRegistry registry) {
        return name -> registry.find(name)
                .map(module -> new io.tenantra.agent.modules.ModuleRunner(ScanEnvironment.host(Map.of())).run(module))
                .orElse(null);
    }
}
