package io.tenantra.agent.modules;

import io.tenantra.agent.modules.boot.BootModule;
import io.tenantra.agent.modules.config.ConfigModule;
import io.tenantra.agent.modules.files.FilesModule;
import io.tenantra.agent.modules.kernel.KernelModule;
import io.tenantra.agent.modules.network.NetworkModule;
import io.tenantra.agent.modules.packages.PackagesModule;
import io.tenantra.agent.modules.persistence.PersistenceModule;
import io.tenantra.agent.modules.processes.ProcessesModule;
import io.tenantra.agent.modules.services.ServicesModule;
import io.tenantra.agent.modules.system.SystemModule;
import io.tenantra.agent.modules.users.UsersModule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every scanning module the agent ships, in the order a full scan runs them (cheap inventory
 * first, the file hashing last so that a slow disk delays nothing else).
 */
public final class ModuleRegistry {

    private final Map<String, ScanModule> modules = new LinkedHashMap<>();

    public ModuleRegistry(List<ScanModule> modules) {
        for (ScanModule module : modules) {
            if (this.modules.putIfAbsent(module.name(), module) != null) {
                throw new IllegalArgumentException("two modules named " + module.name());
            }
        }
    }

    /** The standard set. Module instances keep caches (hashes), so reuse one registry. */
    public static ModuleRegistry standard() {
        return new ModuleRegistry(List.of(
                new SystemModule(),
                new PackagesModule(),
                new UsersModule(),
                new NetworkModule(),
                new ServicesModule(),
                new PersistenceModule(),
                new ProcessesModule(),
                new BootModule(),
                new KernelModule(),
                new ConfigModule(),
                new FilesModule()));
    }

    public List<ScanModule> all() {
        return List.copyOf(modules.values());
    }

    public List<String> names() {
        return List.copyOf(modules.keySet());
    }

    public Optional<ScanModule> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    /**
     * The named modules in registry order.
     *
     * @throws IllegalArgumentException naming every unknown module
     */
    public List<ScanModule> select(Collection<String> names) {
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (!modules.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown module" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; known modules: " + String.join(", ", names()));
        }
        return modules.values().stream().filter(m -> names.contains(m.name())).toList();
    }
}
