package io.tenantra.agent.modules.system;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import java.time.Instant;
import java.util.Locale;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.ComputerSystem;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * macOS and Windows: OSHI covers these through native APIs (sysctl, IOKit, WMI) that have no file
 * interface to read through a root, so this collector only runs on the real host. It produces the
 * same item types as the Linux collector.
 */
final class OshiSystemCollector {

    private final ModuleContext ctx;
    private final ResultBuilder out;

    OshiSystemCollector(ModuleContext ctx) {
        this.ctx = ctx;
        this.out = ctx.result();
    }

    void collect() {
        SystemInfo info = new SystemInfo();
        OperatingSystem os = info.getOperatingSystem();
        HardwareAbstractionLayer hal = info.getHardware();
        out.item(
                "os",
                "os",
                Attrs.of()
                        .put("family", ctx.os().name().toLowerCase(Locale.ROOT))
                        .put("name", known(os.getFamily()))
                        .put("manufacturer", known(os.getManufacturer()))
                        .put("version", known(os.getVersionInfo().getVersion()))
                        .put("build", known(os.getVersionInfo().getBuildNumber()))
                        .put("versionCodename", known(os.getVersionInfo().getCodeName())));
        long boot = os.getSystemBootTime();
        out.item(
                "host",
                "host",
                Attrs.of()
                        .put("hostname", lower(known(os.getNetworkParams().getHostName())))
                        .put("domainName", known(os.getNetworkParams().getDomainName()))
                        .put(
                                "bootTime",
                                boot <= 0
                                        ? null
                                        : Instant.ofEpochSecond(boot - boot % 60)
                                                .toString()));
        CentralProcessor cpu = hal.getProcessor();
        out.item(
                "cpu",
                "cpu",
                Attrs.of()
                        .put("model", known(cpu.getProcessorIdentifier().getName()))
                        .put("vendor", known(cpu.getProcessorIdentifier().getVendor()))
                        .put("logicalProcessors", cpu.getLogicalProcessorCount())
                        .put("physicalCores", cpu.getPhysicalProcessorCount())
                        .put("sockets", cpu.getPhysicalPackageCount()));
        out.item(
                "memory", "memory", Attrs.of().put("totalBytes", hal.getMemory().getTotal()));
        ComputerSystem system = hal.getComputerSystem();
        out.item(
                "hardware",
                "hardware",
                Attrs.of()
                        .put("vendor", known(system.getManufacturer()))
                        .put("product", known(system.getModel()))
                        .put("serial", known(system.getSerialNumber()))
                        .put("uuid", lower(known(system.getHardwareUUID())))
                        .put("boardVendor", known(system.getBaseboard().getManufacturer()))
                        .put("boardName", known(system.getBaseboard().getModel()))
                        .put("biosVendor", known(system.getFirmware().getManufacturer()))
                        .put("biosVersion", known(system.getFirmware().getVersion()))
                        .put("biosDate", known(system.getFirmware().getReleaseDate())));
        for (HWDiskStore disk : hal.getDiskStores()) {
            out.item(
                    "disk",
                    disk.getName(),
                    Attrs.of()
                            .put("sizeBytes", disk.getSize() > 0 ? disk.getSize() : null)
                            .put("model", known(disk.getModel()))
                            .put("serial", known(disk.getSerial())));
        }
        for (OSFileStore store : os.getFileSystem().getFileStores()) {
            String mount = ctx.os() == io.tenantra.model.OsFamily.WINDOWS
                    ? store.getMount()
                    : PathNames.normalize(store.getMount());
            out.item(
                    "mount",
                    mount,
                    Attrs.of()
                            .put("device", known(store.getVolume()))
                            .put("fsType", known(store.getType()))
                            .put("totalBytes", store.getTotalSpace() > 0 ? store.getTotalSpace() : null));
        }
    }

    /** OSHI says "unknown" (or empty) for what it could not find; leave those out. */
    private static String known(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return v.isEmpty() || v.equalsIgnoreCase("unknown") ? null : v;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
