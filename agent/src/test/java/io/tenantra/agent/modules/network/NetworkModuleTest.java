package io.tenantra.agent.modules.network;

import static io.tenantra.agent.modules.Results.attrs;
import static io.tenantra.agent.modules.Results.hasRisk;
import static io.tenantra.agent.modules.Results.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.Fixture;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkModuleTest {

    @TempDir
    Path temp;

    /** The fixture's processes hold their listening sockets through fd links created here. */
    private Fixture fixture() {
        return Fixture.of("network", temp)
                .link("/proc/1234/fd/3", "socket:[100]")
                .link("/proc/1234/fd/0", "/dev/null")
                .link("/proc/1234/exe", "/usr/sbin/sshd")
                .link("/proc/1300/fd/5", "socket:[101]")
                .link("/proc/1300/exe", "/usr/lib/postgresql/15/bin/postgres")
                .link("/proc/1400/fd/7", "socket:[102]")
                .link("/proc/1400/fd/8", "socket:[104]")
                .link("/proc/1500/fd/9", "socket:[103]");
    }

    @Test
    void listenersWithOwnerAddressPortExposureRiskyServicesAndFirewall() {
        Fixture f = fixture();
        f.commands()
                .recordFile("nft list ruleset", f.path("/nft-ruleset.txt"))
                .recordFile("iptables -S", f.path("/iptables-S.txt"));
        ModuleResult result = f.run(new NetworkModule());

        assertThat(result.status()).isEqualTo(ModuleStatus.OK);
        assertThat(keys(result, "listener"))
                .containsExactly(
                        "tcp/0.0.0.0:22",
                        "tcp/0.0.0.0:23",
                        "tcp/127.0.0.1:5432",
                        "tcp6/[::1]:631",
                        "tcp6/[::]:445",
                        "udp/0.0.0.0:69");
        assertThat(attrs(result, "listener", "tcp/0.0.0.0:22"))
                .containsEntry("exposedToAll", true)
                .containsEntry("processes", List.of("sshd"))
                .containsEntry("executables", List.of("/usr/sbin/sshd"))
                .containsEntry("user", "root")
                .containsEntry("port", 22);
        assertThat(attrs(result, "listener", "tcp/127.0.0.1:5432"))
                .containsEntry("exposure", "loopback")
                .containsEntry("user", "postgres");
        assertThat(attrs(result, "listener", "tcp6/[::1]:631"))
                .containsEntry("exposure", "loopback")
                .doesNotContainKey("processes");
        assertThat(hasRisk(result, "network.risky_service", "tcp/0.0.0.0:23")).isTrue();
        assertThat(hasRisk(result, "network.risky_service", "tcp6/[::]:445")).isTrue();
        assertThat(hasRisk(result, "network.risky_service", "udp/0.0.0.0:69")).isTrue();
        assertThat(hasRisk(result, "network.risky_service", "tcp/0.0.0.0:22")).isFalse();
        assertThat(attrs(result, "firewall", "nftables"))
                .containsEntry("inputPolicy", "drop")
                .containsEntry("ruleCount", 3)
                .containsEntry("active", true);
        assertThat(attrs(result, "firewall", "iptables")).containsEntry("active", false);
        assertThat(attrs(result, "firewall", "summary"))
                .containsEntry("state", "active")
                .containsEntry("tools", List.of("iptables", "nftables"));
        assertThat(hasRisk(result, "network.no_firewall", "summary")).isFalse();
        assertThat(result.messages())
                .contains(
                        "1 listening socket(s) without a known owning process",
                        "no /proc/net/udp6 (protocol disabled)");
    }

    @Test
    void inactiveFirewallWithExposedServicesIsFlagged() {
        Fixture f = fixture();
        f.commands().recordFile("iptables -S", f.path("/iptables-S.txt"));
        ModuleResult result = f.run(new NetworkModule());
        assertThat(attrs(result, "firewall", "summary")).containsEntry("state", "inactive");
        assertThat(hasRisk(result, "network.no_firewall", "summary")).isTrue();
    }

    @Test
    void unreadableFdDirectoriesAndAFailingFirewallToolArePartial() {
        Fixture f = fixture().deny("/proc/1234/fd");
        f.commands()
                .fail(
                        "iptables -S",
                        4,
                        "iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)");
        ModuleResult result = f.run(new NetworkModule());
        assertThat(result.status()).isEqualTo(ModuleStatus.PARTIAL);
        assertThat(attrs(result, "listener", "tcp/0.0.0.0:22")).doesNotContainKey("processes");
        assertThat(result.messages()).contains("2 listening socket(s) without a known owning process");
        assertThat(result.messages())
                .anyMatch(m -> m.startsWith("cannot read iptables state: exit 4: iptables v1.8.9"));
        assertThat(result.execution().skipped())
                .contains("fd directories of 1 process(es) unreadable (permission denied)");
    }

    @Test
    void malformedLinesAndLinkLoopsAreSkipped() {
        Fixture f = fixture()
                .write("/proc/net/tcp6", "  sl  local\n   0: ZZZZ:0016 junk\n   1: short\n\u00ff\u00fe\n")
                .link("/proc/1234/fd/10", "/proc/1234/fd/11")
                .link("/proc/1234/fd/11", "/proc/1234/fd/10");
        ModuleResult result = f.run(new NetworkModule());
        assertThat(keys(result, "listener"))
                .containsExactly("tcp/0.0.0.0:22", "tcp/0.0.0.0:23", "tcp/127.0.0.1:5432", "udp/0.0.0.0:69");
        assertThat(result.messages()).contains("3 malformed line(s) in /proc/net ignored");
    }

    @Test
    void ipv6AddressesAreWrittenInCanonicalForm() {
        assertThat(ProcNet.decodeAddress("00000000000000000000000000000000")).isEqualTo("::");
        assertThat(ProcNet.decodeAddress("0000000000000000FFFF00000100007F")).isEqualTo("::ffff:127.0.0.1");
        assertThat(ProcNet.decodeAddress("B80D0120000000000000000001000000")).isEqualTo("2001:db8::1");
        assertThat(ProcNet.decodeAddress("0100007F")).isEqualTo("127.0.0.1");
    }

    @Test
    void theKernelsOwnFirewallStateIsReportedWithoutAnyTool() {
        Fixture f = fixture()
                .write("/proc/net/ip_tables_names", "nat\nfilter\n")
                .write("/proc/net/ip6_tables_names", "")
                .write("/proc/modules", "nf_tables 303104 5 - Live 0x0\nip_tables 32768 2 iptable_filter, Live 0x0\n");
        ModuleResult result = f.run(new NetworkModule());
        assertThat(attrs(result, "firewall", "kernel"))
                .containsEntry("iptablesTables", List.of("filter", "nat"))
                .containsEntry("ip6tablesTables", List.of())
                .containsEntry("nfTablesLoaded", true)
                .containsEntry("ipTablesLoaded", true)
                .containsEntry("ip6TablesLoaded", false);

        ModuleResult bare = Fixture.of("network", temp.resolve("bare")).run(new NetworkModule());
        assertThat(attrs(bare, "firewall", "kernel")).isEmpty(); // nothing to read: no facts, no nulls
    }
}
