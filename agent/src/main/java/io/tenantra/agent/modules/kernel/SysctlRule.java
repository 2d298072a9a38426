package io.tenantra.agent.modules.kernel;

import io.tenantra.agent.modules.Texts;
import io.tenantra.model.Severity;
import java.util.List;

/**
 * An expected sysctl value. Sources: the KSPP recommended settings and the CIS Linux benchmarks;
 * severities reflect how directly a wrong value helps an attacker on a typical server.
 */
record SysctlRule(String name, String comparator, long expected, Severity severity, String why) {

    static final List<SysctlRule> RULES = List.of(
            new SysctlRule(
                    "kernel.randomize_va_space", "=", 2, Severity.HIGH, "full address space layout randomisation"),
            new SysctlRule(
                    "kernel.kptr_restrict", ">=", 1, Severity.MEDIUM, "kernel pointers hidden from unprivileged users"),
            new SysctlRule("kernel.dmesg_restrict", "=", 1, Severity.LOW, "kernel log readable by root only"),
            new SysctlRule(
                    "kernel.yama.ptrace_scope", ">=", 1, Severity.MEDIUM, "processes cannot trace unrelated processes"),
            new SysctlRule(
                    "kernel.unprivileged_bpf_disabled", ">=", 1, Severity.MEDIUM, "no BPF for unprivileged users"),
            new SysctlRule(
                    "kernel.perf_event_paranoid", ">=", 2, Severity.LOW, "no kernel profiling for unprivileged users"),
            new SysctlRule("kernel.sysrq", "=", 0, Severity.LOW, "magic SysRq keys disabled"),
            new SysctlRule("kernel.kexec_load_disabled", "=", 1, Severity.LOW, "no replacing the running kernel"),
            new SysctlRule(
                    "fs.protected_hardlinks", "=", 1, Severity.MEDIUM, "hard-link races in sticky directories blocked"),
            new SysctlRule(
                    "fs.protected_symlinks", "=", 1, Severity.MEDIUM, "symlink races in sticky directories blocked"),
            new SysctlRule("fs.protected_fifos", ">=", 1, Severity.LOW, "FIFO spoofing in sticky directories blocked"),
            new SysctlRule(
                    "fs.protected_regular",
                    ">=",
                    1,
                    Severity.LOW,
                    "regular-file spoofing in sticky directories blocked"),
            new SysctlRule("fs.suid_dumpable", "=", 0, Severity.MEDIUM, "no core dumps of setuid programs"),
            new SysctlRule(
                    "net.ipv4.ip_forward",
                    "=",
                    0,
                    Severity.LOW,
                    "host does not route packets (expected on routers and container hosts)"),
            new SysctlRule("net.ipv4.conf.all.accept_redirects", "=", 0, Severity.MEDIUM, "ICMP redirects ignored"),
            new SysctlRule(
                    "net.ipv4.conf.default.accept_redirects",
                    "=",
                    0,
                    Severity.MEDIUM,
                    "ICMP redirects ignored on new interfaces"),
            new SysctlRule("net.ipv4.conf.all.send_redirects", "=", 0, Severity.LOW, "no ICMP redirects sent"),
            new SysctlRule(
                    "net.ipv4.conf.all.accept_source_route", "=", 0, Severity.MEDIUM, "source-routed packets dropped"),
            new SysctlRule(
                    "net.ipv4.conf.all.rp_filter", ">=", 1, Severity.LOW, "reverse-path filtering against spoofing"),
            new SysctlRule(
                    "net.ipv4.conf.all.log_martians", "=", 1, Severity.INFO, "impossible source addresses logged"),
            new SysctlRule("net.ipv4.tcp_syncookies", "=", 1, Severity.MEDIUM, "SYN-flood protection"),
            new SysctlRule("net.ipv4.icmp_echo_ignore_broadcasts", "=", 1, Severity.LOW, "no smurf amplification"),
            new SysctlRule("net.ipv6.conf.all.accept_redirects", "=", 0, Severity.MEDIUM, "ICMPv6 redirects ignored"),
            new SysctlRule(
                    "net.ipv6.conf.all.accept_source_route", "=", 0, Severity.MEDIUM, "IPv6 source routing refused"));

    /** The /proc/sys path of the setting. */
    String path() {
        return "/proc/sys/" + name.replace('.', '/');
    }

    String expectation() {
        return comparator + " " + expected;
    }

    /** Null when the value is not a number (then it is reported, not judged). */
    Boolean compliant(String value) {
        Long actual = Texts.parseLong(value == null ? null : value.split("\\s+")[0]);
        if (actual == null) {
            return null;
        }
        return comparator.equals("=") ? actual == expected : actual >= expected;
    }
}
