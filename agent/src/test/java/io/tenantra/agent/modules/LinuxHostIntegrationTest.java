package io.tenantra.agent.modules;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.tenantra.model.Item;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every module for real against {@code /} of the machine running the build and checks its
 * findings against independent sources (other tools, the JDK, OSHI). Written for the Debian
 * build machine; assertions stick to facts any Debian-like host has.
 */
@EnabledOnOs(OS.LINUX)
class LinuxHostIntegrationTest {

    /** The files module on /etc and /usr/sbin only: the full default set is measured in docs/performance-agent.md. */
    private static final Map<String, String> SETTINGS =
            Map.of(FilesModule.PATHS, "/etc,/usr/sbin", FilesModule.AUDIT_PATHS, "/usr/bin,/usr/sbin,/etc");

    private static ModuleResult run(ScanModule module) {
        ModuleResult result = new ModuleRunner(ScanEnvironment.host(SETTINGS)).run(module);
        assertThat(result.status())
                .as(result.module() + " " + result.messages())
                .isIn(ModuleStatus.OK, ModuleStatus.PARTIAL);
        return result;
    }

    private static String command(String... argv) {
        CommandResult result = new ProcessCommandRunner(java.time.Duration.ofSeconds(20), 1 << 20, false).run(argv);
        return result.succeeded() ? result.stdout() : null;
    }

    @Test
    void systemMatchesHostnameAndOshi() {
        ModuleResult result = run(new SystemModule());
        assertThat(attrs(result, "host", "host"))
                .containsEntry("hostname", command("hostname").strip().toLowerCase());
        var hal = new oshi.SystemInfo().getHardware();
        assertThat(attrs(result, "memory", "memory"))
                .containsEntry("totalBytes", hal.getMemory().getTotal());
        assertThat(attrs(result, "cpu", "cpu"))
                .containsEntry("logicalProcessors", hal.getProcessor().getLogicalProcessorCount());
        assertThat(attrs(result, "os", "os").get("id")).isNotNull();
        assertThat(keys(result, "mount")).contains("/");
    }

    @Test
    void packagesIncludeBashAndCoreutilsWithDpkgsVersion() {
        ModuleResult result = run(new PackagesModule());
        String arch = command("dpkg", "--print-architecture").strip();
        assertThat(keys(result, "package")).contains("dpkg:bash:" + arch, "dpkg:coreutils:" + arch);
        String version = command("dpkg-query", "-W", "-f=${Version}", "bash").strip();
        assertThat(attrs(result, "package", "dpkg:bash:" + arch)).containsEntry("version", version);
    }

    @Test
    void usersIncludeRootWithUidZero() {
        ModuleResult result = run(new UsersModule());
        assertThat(attrs(result, "user", "root")).containsEntry("uid", 0L);
        assertThat(Results.json(result)).doesNotContain("$6$").doesNotContain("$y$");
    }

    /**
     * The oracle is {@code ss -lntH}, taken before and after the module: other builds on this
     * machine open and close ports, so every port present in both snapshots must be found and
     * every port found must be in one of them.
     */
    @Test
    void listeningTcpPortsMatchSs() {
        Set<Integer> before = ssPorts();
        ModuleResult result = run(new NetworkModule());
        Set<Integer> after = ssPorts();
        Set<Integer> found = result.items().stream()
                .filter(i -> i.type().equals("listener")
                        && i.attributes().get("protocol").toString().startsWith("tcp"))
                .map(i -> (Integer) i.attributes().get("port"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> stable = new TreeSet<>(before);
        stable.retainAll(after);
        Set<Integer> any = new TreeSet<>(before);
        any.addAll(after);
        assertThat(found).containsAll(stable);
        assertThat(any).containsAll(found);
    }

    private static Set<Integer> ssPorts() {
        String out = command("ss", "-lntH");
        assertThat(out).as("ss is installed on the build machine").isNotNull();
        Set<Integer> ports = new TreeSet<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4) {
                ports.add(Integer.parseInt(f[3].substring(f[3].lastIndexOf(':') + 1)));
            }
        }
        return ports;
    }

    @Test
    void filesHashMatchesSha256sum() {
        ModuleResult result = run(new FilesModule());
        String expected = command("sha256sum", "/etc/passwd").split("\\s+")[0];
        assertThat(attrs(result, "file", "/etc/passwd"))
                .containsEntry("sha256", expected)
                .containsEntry("owner", "root");
    }

    /** The audit walk (on stable system directories: other builds change /tmp and /work) agrees with find. */
    @Test
    void filesystemAuditFindsTheSetuidProgramsFindFinds() {
        ModuleResult result = run(new FilesModule());
        String out = command("find", "/usr/bin", "/usr/sbin", "/etc", "-xdev", "-type", "f", "-perm", "-4000");
        Set<String> expected = new TreeSet<>(List.of(out.strip().split("\n")));
        expected.remove("");
        assertThat(new TreeSet<>(keys(result, "suid_file"))).isEqualTo(expected);
    }

    @Test
    void kernelSavedSysctlsAndConfigPamRulesAreRead() throws Exception {
        ModuleResult kernel = run(new KernelModule());
        assertThat(keys(kernel, "modprobe")).contains("cramfs", "usb_storage");
        ModuleResult config = run(new ConfigModule());
        if (Files.exists(Path.of("/etc/pam.d/common-auth"))) {
            assertThat(keys(config, "pam_module")).anyMatch(k -> k.startsWith("/etc/pam.d/common-auth: auth "));
        }
        assertThat(keys(config, "login_defs").size())
                .isGreaterThanOrEqualTo((int) Files.readAllLines(Path.of("/etc/login.defs")).stream()
                        .filter(l -> l.matches("^[A-Z_]+\\s+\\S.*"))
                        .map(l -> l.split("\\s+")[0])
                        .distinct()
                        .count());
    }

    @Test
    void servicesListTheUnitFilesOnDisk() throws Exception {
        ModuleResult result = run(new ServicesModule());
        if (Files.isDirectory(Path.of("/lib/systemd/system"))) {
            try (var units = Files.list(Path.of("/lib/systemd/system"))) {
                String anyService = units.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".service") && !Files.isSymbolicLink(Path.of("/lib/systemd/system", n)))
                        .sorted()
                        .findFirst()
                        .orElseThrow();
                assertThat(keys(result, "systemd_unit")).contains(anyService);
            }
        }
    }

    @Test
    void persistenceFindsTheSystemCrontabEntries() {
        ModuleResult result = run(new PersistenceModule());
        if (Files.exists(Path.of("/etc/crontab"))) {
            assertThat(keys(result, "cron_entry")).anyMatch(k -> k.startsWith("/etc/crontab: "));
        }
    }

    @Test
    void processesIncludeThisJvmWithItsExecutable() {
        ModuleResult result = run(new ProcessesModule());
        long pid = ProcessHandle.current().pid();
        Map<String, Object> self = attrs(result, "process", Long.toString(pid));
        assertThat(self.get("exe"))
                .isEqualTo(ProcessHandle.current().info().command().orElseThrow());
        assertThat(self).containsKey("sha256");
    }

    @Test
    void bootReportsTheKernelCommandLine() throws Exception {
        ModuleResult result = run(new BootModule());
        assertThat(attrs(result, "kernel_cmdline", "cmdline"))
                .containsEntry(
                        "cmdline",
                        Files.readString(Path.of("/proc/cmdline")).strip().replaceAll("\\s+", " "));
    }

    @Test
    void kernelSysctlsEqualProc() throws Exception {
        ModuleResult result = run(new KernelModule());
        assertThat(attrs(result, "sysctl", "kernel.randomize_va_space"))
                .containsEntry(
                        "value",
                        Files.readString(Path.of("/proc/sys/kernel/randomize_va_space"))
                                .strip());
    }

    @Test
    void configReadsLoginDefs() throws Exception {
        ModuleResult result = run(new ConfigModule());
        String line = Files.readAllLines(Path.of("/etc/login.defs")).stream()
                .filter(l -> l.startsWith("PASS_MAX_DAYS"))
                .findFirst()
                .orElseThrow();
        assertThat(attrs(result, "login_defs", "PASS_MAX_DAYS")).containsEntry("value", line.split("\\s+")[1]);
    }

    static List<ScanModule> stableModules() {
        return List.of(
                new SystemModule(),
                new PackagesModule(),
                new UsersModule(),
                new ServicesModule(),
                new PersistenceModule(),
                new BootModule(),
                new KernelModule(),
                new ConfigModule(),
                new FilesModule());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stableModules")
    void twoConsecutiveRunsAreIdentical(ScanModule module) {
        // The host may really change between two runs (a package installed while the suite runs
        // touches /etc): a deterministic module still gives two equal runs in a row within a few
        // tries, a nondeterministic one never does.
        var previous = run(module).withoutExecution();
        for (int attempt = 0; attempt < 3; attempt++) {
            var next = run(module).withoutExecution();
            if (next.equals(previous)) {
                return;
            }
            previous = next;
        }
        assertThat(run(module).withoutExecution()).isEqualTo(previous);
    }

    /**
     * Processes come and go (this build starts some), so only processes alive in both runs are
     * compared, on the facts that cannot change while a process lives.
     */
    @Test
    void processesAliveInBothRunsAreDescribedIdentically() {
        ProcessesModule module = new ProcessesModule();
        Map<String, Item> first = byKey(run(module), "process");
        Map<String, Item> second = byKey(run(module), "process");
        Set<String> both = new HashSet<>(first.keySet());
        both.retainAll(second.keySet());
        assertThat(both).isNotEmpty();
        for (String pid : both) {
            for (String fact : List.of("exe", "uid", "ppid", "sha256")) {
                if (first.get(pid)
                        .attributes()
                        .get("name")
                        .equals(second.get(pid).attributes().get("name"))) {
                    assertThat(second.get(pid).attributes().get(fact))
                            .as(pid + " " + fact)
                            .isEqualTo(first.get(pid).attributes().get(fact));
                }
            }
        }
    }

    /** Listeners of other builds come and go; those present in both runs must be identical. */
    @Test
    void listenersPresentInBothRunsAreIdentical() {
        Map<String, Item> first = byKey(run(new NetworkModule()), "listener");
        Map<String, Item> second = byKey(run(new NetworkModule()), "listener");
        for (String key : first.keySet()) {
            if (second.containsKey(key)) {
                assertThat(second.get(key)).isEqualTo(first.get(key));
            }
        }
    }

    private static Map<String, Item> byKey(ModuleResult result, String type) {
        return result.items().stream().filter(i -> i.type().equals(type)).collect(Collectors.toMap(Item::key, i -> i));
    }
}
