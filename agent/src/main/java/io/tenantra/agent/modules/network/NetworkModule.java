package io.tenantra.agent.modules.network;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Listening sockets (TCP LISTEN, unconnected UDP) from {@code /proc/net}, each with the
 * processes holding it, the bound address and port and whether it is exposed on every interface;
 * risky services flagged; firewall state from the firewall tools.
 *
 * <p>Item key {@code <protocol>/<address>:<port>}; process ids are deliberately not in items
 * because a restarted service would otherwise look like a changed listener.
 */
public final class NetworkModule implements ScanModule {

    public static final String NAME = "network";
    static final List<String> PROTOCOLS = List.of("tcp", "tcp6", "udp", "udp6");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "listening sockets with owning process and exposure, risky services, firewall state";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(30);
    }

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        ResultBuilder out = ctx.result();
        List<ProcNet.Socket> listeners = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        for (String protocol : PROTOCOLS) {
            TextFile file = ctx.files().read("/proc/net/" + protocol, 64L * 1024 * 1024);
            if (file.missing()) {
                if (protocol.equals("tcp")) {
                    out.partial("no /proc/net/tcp: listening sockets unknown");
                } else {
                    out.message("no /proc/net/" + protocol + " (protocol disabled)");
                }
                continue;
            }
            out.note(file);
            for (ProcNet.Socket socket : ProcNet.parse(protocol, file.lines(), malformed)) {
                if (ProcNet.listening(socket)) {
                    listeners.add(socket);
                }
            }
        }
        if (!malformed.isEmpty()) {
            out.message(malformed.size() + " malformed line(s) in /proc/net ignored");
        }
        Set<Long> inodes = new HashSet<>();
        listeners.forEach(s -> inodes.add(s.inode()));
        SocketOwners owners = SocketOwners.scan(ctx, inodes);
        HostAccounts accounts = HostAccounts.load(ctx.files());
        int unowned = 0;
        boolean exposed = false;
        for (ProcNet.Socket s : listeners) {
            String key = s.protocol() + "/" + (s.address().contains(":") ? "[" + s.address() + "]" : s.address()) + ":"
                    + s.port();
            String exposure = ProcNet.exposure(s.address());
            SocketOwners.Owner owner = s.inode() == 0 ? null : owners.owner(s.inode());
            if (owner == null) {
                unowned++;
            }
            RiskyServices.Service service = RiskyServices.lookup(s.protocol(), s.port());
            out.item(
                    "listener",
                    key,
                    Attrs.of()
                            .put("protocol", s.protocol())
                            .put("address", s.address())
                            .put("port", s.port())
                            .put("exposure", exposure)
                            .put("exposedToAll", exposure.equals("all"))
                            .put("user", accounts.user((int) s.uid()))
                            .putSorted("processes", owner == null ? null : owner.names())
                            .putSorted("executables", owner == null ? null : owner.executables())
                            .put("service", service == null ? null : service.name()));
            if (!exposure.equals("loopback")) {
                exposed |= exposure.equals("all");
                if (service != null) {
                    out.risk(
                            service.severity(),
                            "network.risky_service",
                            "listener",
                            key,
                            service.name() + " listening on "
                                    + (exposure.equals("all") ? "all interfaces" : s.address()) + ": " + service.why());
                }
            }
        }
        if (unowned > 0) {
            // Counts only: which pids were unreadable varies between runs and goes to skipped.
            out.message(unowned + " listening socket(s) without a known owning process");
            if (owners.deniedProcesses() > 0) {
                out.skip("fd directories of " + owners.deniedProcesses()
                        + " process(es) unreadable (permission denied)");
            }
        }
        Boolean firewall = Firewall.collect(ctx);
        if (firewall == null) {
            out.message("no firewall tool answered (nft, iptables, ufw, firewall-cmd): firewall state unknown");
            if (exposed) {
                out.risk(
                        Severity.INFO,
                        "network.firewall_unknown",
                        "firewall",
                        "summary",
                        "services listen on all interfaces and the firewall state could not be determined");
            }
        } else if (!firewall && exposed) {
            out.risk(
                    Severity.MEDIUM,
                    "network.no_firewall",
                    "firewall",
                    "summary",
                    "services listen on all interfaces and no firewall rules are active");
        }
        return out.build(this);
    }
}
