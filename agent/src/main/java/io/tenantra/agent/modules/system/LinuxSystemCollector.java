package io.tenantra.agent.modules.system;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Linux facts from {@code /etc}, {@code /proc} and {@code /sys}, all read through the root. */
final class LinuxSystemCollector {

    /** Kernel-internal file systems: mounted everywhere, never interesting as inventory. */
    static final Set<String> PSEUDO_FS = Set.of(
            "proc",
            "sysfs",
            "cgroup",
            "cgroup2",
            "devpts",
            "mqueue",
            "debugfs",
            "tracefs",
            "securityfs",
            "pstore",
            "bpf",
            "configfs",
            "fusectl",
            "hugetlbfs",
            "autofs",
            "binfmt_misc",
            "nsfs",
            "rpc_pipefs",
            "selinuxfs",
            "efivarfs",
            "devtmpfs",
            "ramfs");

    /** Asking a network file system for its size can hang on a dead server. */
    private static final Set<String> REMOTE_FS =
            Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "9p", "ceph", "glusterfs");

    private final ModuleContext ctx;
    private final HostFiles files;
    private final ResultBuilder out;

    LinuxSystemCollector(ModuleContext ctx) {
        this.ctx = ctx;
        this.files = ctx.files();
        this.out = ctx.result();
    }

    void collect() throws InterruptedException {
        os();
        kernel();
        host();
        cpu();
        memory();
        hardware();
        ctx.checkCancelled();
        disks();
        mounts();
    }

    private void os() {
        TextFile release = files.read("/etc/os-release");
        if (release.missing()) {
            release = files.read("/usr/lib/os-release");
        }
        out.note(release);
        Map<String, String> values = osRelease(release.lines());
        if (values.isEmpty()) {
            out.partial("no os-release file: OS name and version unknown");
        }
        out.item(
                "os",
                "os",
                Attrs.of()
                        .put("family", "linux")
                        .put("id", values.get("ID"))
                        .put("idLike", values.get("ID_LIKE"))
                        .put("name", values.get("NAME"))
                        .put("prettyName", values.get("PRETTY_NAME"))
                        .put("version", values.get("VERSION"))
                        .put("versionId", values.get("VERSION_ID"))
                        .put("versionCodename", values.get("VERSION_CODENAME")));
    }

    /** os-release is a shell fragment of KEY=value with optional quotes. */
    static Map<String, String> osRelease(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.startsWith("#") || eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.matches("[A-Z0-9_]+")) {
                values.put(
                        key,
                        Texts.unquote(line.substring(eq + 1).strip())
                                .replace("\\\"", "\"")
                                .replace("\\$", "$"));
            }
        }
        return values;
    }

    private String firstLine(String path) {
        TextFile file = files.read(path, 64 * 1024);
        if (!file.ok()) {
            return null;
        }
        String line = file.lines().isEmpty() ? "" : file.lines().get(0).strip();
        return line.isEmpty() ? null : line;
    }

    private void kernel() {
        String release = firstLine("/proc/sys/kernel/osrelease");
        if (release == null) {
            out.partial("cannot read /proc/sys/kernel/osrelease: kernel release unknown");
        }
        String arch = firstLine("/proc/sys/kernel/arch");
        if (arch == null && files.isHostRoot()) {
            arch = normalizeArch(System.getProperty("os.arch"));
        }
        out.item(
                "kernel",
                "kernel",
                Attrs.of()
                        .put("release", release)
                        .put("version", firstLine("/proc/sys/kernel/version"))
                        .put("architecture", arch));
    }

    static String normalizeArch(String arch) {
        if (arch == null) {
            return null;
        }
        return switch (arch.toLowerCase(Locale.ROOT)) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            default -> arch.toLowerCase(Locale.ROOT);
        };
    }

    private void host() {
        String hostname = firstLine("/proc/sys/kernel/hostname");
        if (hostname == null) {
            hostname = firstLine("/etc/hostname");
        }
        String domain = firstLine("/proc/sys/kernel/domainname");
        Long btime = null;
        TextFile stat = files.read("/proc/stat", 1024 * 1024);
        for (String line : stat.lines()) {
            if (line.startsWith("btime ")) {
                btime = Texts.parseLong(line.substring(6));
            }
        }
        String timezone = firstLine("/etc/timezone");
        if (timezone == null) {
            timezone = files.readLink("/etc/localtime")
                    .filter(target -> target.contains("zoneinfo/"))
                    .map(target -> target.substring(target.indexOf("zoneinfo/") + 9))
                    .orElse(null);
        }
        boolean container = files.exists("/.dockerenv") || files.exists("/run/.containerenv");
        out.item(
                "host",
                "host",
                Attrs.of()
                        .put("hostname", hostname == null ? null : hostname.toLowerCase(Locale.ROOT))
                        .put("domainName", "(none)".equals(domain) ? null : domain)
                        .put("machineId", firstLine("/etc/machine-id"))
                        // btime drifts by a second as NTP slews the clock; minutes keep scans comparable.
                        .put(
                                "bootTime",
                                btime == null
                                        ? null
                                        : Instant.ofEpochSecond(btime - btime % 60)
                                                .toString())
                        .put("timezone", timezone)
                        .put("container", container));
        if (hostname == null) {
            out.partial("host name unknown: neither /proc/sys/kernel/hostname nor /etc/hostname readable");
        }
    }

    private void cpu() {
        TextFile cpuinfo = files.read("/proc/cpuinfo");
        out.note(cpuinfo);
        int logical = 0;
        Set<String> cores = new TreeSet<>();
        Set<String> sockets = new TreeSet<>();
        String model = null;
        String vendor = null;
        String physicalId = "0";
        boolean hypervisor = false;
        Set<String> flagsOfInterest = new TreeSet<>();
        for (String line : cpuinfo.lines()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "processor" -> {
                    logical++;
                    physicalId = "0";
                }
                case "model name", "Model", "Processor", "cpu model" -> model = model == null ? value : model;
                case "vendor_id", "CPU implementer" -> vendor = vendor == null ? value : vendor;
                case "physical id" -> {
                    physicalId = value;
                    sockets.add(value);
                }
                case "core id" -> cores.add(physicalId + "/" + value);
                case "flags", "Features" -> {
                    for (String flag : value.split("\\s+")) {
                        if (flag.equals("hypervisor")) {
                            hypervisor = true;
                        }
                        if (Set.of("aes", "sha_ni", "avx2", "avx512f", "nx", "smep", "smap", "vmx", "svm")
                                .contains(flag)) {
                            flagsOfInterest.add(flag);
                        }
                    }
                }
                default -> {}
            }
        }
        out.item(
                "cpu",
                "cpu",
                Attrs.of()
                        .put("model", model)
                        .put("vendor", vendor)
                        .put("logicalProcessors", logical)
                        .put("physicalCores", cores.isEmpty() ? logical : cores.size())
                        .put("sockets", sockets.isEmpty() ? 1 : sockets.size())
                        .put("hypervisor", hypervisor)
                        .putSorted("flags", flagsOfInterest));
    }

    private void memory() {
        TextFile meminfo = files.read("/proc/meminfo", 1024 * 1024);
        out.note(meminfo);
        Long total = null;
        Long swap = null;
        for (String line : meminfo.lines()) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("SwapTotal:")) {
                swap = kib(line);
            }
        }
        out.item("memory", "memory", Attrs.of().put("totalBytes", total).put("swapTotalBytes", swap));
    }

    private static Long kib(String line) {
        String[] parts = line.split("\\s+");
        Long value = parts.length >= 2 ? Texts.parseLong(parts[1]) : null;
        return value == null ? null : value * 1024;
    }

    private void hardware() {
        String dmi = "/sys/class/dmi/id/";
        if (!files.isDirectory(dmi)) {
            out.message("no DMI data (/sys/class/dmi/id absent): hardware vendor and model unknown");
            return;
        }
        // product_serial and product_uuid are readable by root only; absent otherwise.
        out.item(
                "hardware",
                "hardware",
                Attrs.of()
                        .put("vendor", firstLine(dmi + "sys_vendor"))
                        .put("product", firstLine(dmi + "product_name"))
                        .put("productVersion", firstLine(dmi + "product_version"))
                        .put("serial", firstLine(dmi + "product_serial"))
                        .put("uuid", lower(firstLine(dmi + "product_uuid")))
                        .put("boardVendor", firstLine(dmi + "board_vendor"))
                        .put("boardName", firstLine(dmi + "board_name"))
                        .put("biosVendor", firstLine(dmi + "bios_vendor"))
                        .put("biosVersion", firstLine(dmi + "bios_version"))
                        .put("biosDate", firstLine(dmi + "bios_date"))
                        .put("chassisType", firstLine(dmi + "chassis_type")));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private void disks() {
        HostFiles.Listing block = files.list("/sys/block");
        out.note(block);
        for (String name : block.names()) {
            if (name.startsWith("loop") || name.startsWith("ram")) {
                continue; // virtual devices backed by files or memory, not disks
            }
            String base = "/sys/block/" + name + "/";
            Long sectors = Texts.parseLong(firstLine(base + "size"));
            String serial = firstLine(base + "serial");
            if (serial == null) {
                serial = firstLine(base + "device/serial");
            }
            out.item(
                    "disk",
                    name,
                    Attrs.of()
                            .put("sizeBytes", sectors == null ? null : sectors * 512)
                            .put("rotational", bool(firstLine(base + "queue/rotational")))
                            .put("removable", bool(firstLine(base + "removable")))
                            .put("readOnly", bool(firstLine(base + "ro")))
                            .put("model", firstLine(base + "device/model"))
                            .put("vendor", firstLine(base + "device/vendor"))
                            .put("serial", serial));
        }
    }

    private static Boolean bool(String flag) {
        return flag == null ? null : !flag.equals("0");
    }

    private void mounts() {
        TextFile mounts = files.read("/proc/mounts");
        out.note(mounts);
        // Later lines are mounted over earlier ones at the same point; the last is what is visible.
        Map<String, String[]> visible = new LinkedHashMap<>();
        Map<String, Integer> stacked = new LinkedHashMap<>();
        for (String line : mounts.lines()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            String point = PathNames.normalize(PathNames.unescapeMountField(f[1]));
            visible.put(point, f);
            stacked.merge(point, 1, Integer::sum);
        }
        for (Map.Entry<String, String[]> e : visible.entrySet()) {
            String[] f = e.getValue();
            String type = f[2];
            if (PSEUDO_FS.contains(type)) {
                continue;
            }
            out.item(
                    "mount",
                    e.getKey(),
                    Attrs.of()
                            .put("device", PathNames.unescapeMountField(f[0]))
                            .put("fsType", type)
                            .putList("options", List.of(f[3].split(",")))
                            .put("readOnly", List.of(f[3].split(",")).contains("ro"))
                            .put("stacked", stacked.get(e.getKey()) > 1 ? stacked.get(e.getKey()) : null)
                            .put("totalBytes", totalBytes(e.getKey(), type)));
        }
    }

    /** Size of a local file system; only on the real host (fixtures have no file systems). */
    private Long totalBytes(String mountPoint, String type) {
        if (!files.isHostRoot() || REMOTE_FS.contains(type) || type.startsWith("fuse")) {
            return null;
        }
        try {
            FileStore store = Files.getFileStore(Path.of(mountPoint));
            long total = store.getTotalSpace();
            return total > 0 ? total : null;
        } catch (Exception e) {
            return null;
        }
    }
}
