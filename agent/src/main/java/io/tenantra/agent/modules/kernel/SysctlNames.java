package io.tenantra.agent.modules.kernel;

import java.util.List;

/**
 * The sysctls the kernel module reads live from {@code /proc/sys}: those a CIS-style Debian or Red
 * Hat baseline and the KSPP recommendations look at. Only the names live here; what value is
 * acceptable is content on the server, so a changed recommendation never needs a new agent.
 */
final class SysctlNames {

    static final List<String> NAMES = List.of(
            // Kernel self-protection.
            "kernel.randomize_va_space",
            "kernel.kptr_restrict",
            "kernel.dmesg_restrict",
            "kernel.yama.ptrace_scope",
            "kernel.unprivileged_bpf_disabled",
            "kernel.unprivileged_userns_clone",
            "kernel.perf_event_paranoid",
            "kernel.sysrq",
            "kernel.kexec_load_disabled",
            "kernel.modules_disabled",
            "kernel.core_pattern",
            "kernel.core_uses_pid",
            "kernel.panic_on_oops",
            "dev.tty.ldisc_autoload",
            "vm.mmap_min_addr",
            "vm.unprivileged_userfaultfd",
            // File system protections and core dumps of privileged programs.
            "fs.protected_hardlinks",
            "fs.protected_symlinks",
            "fs.protected_fifos",
            "fs.protected_regular",
            "fs.suid_dumpable",
            // IPv4: forwarding, redirects, source routes, spoofing, ICMP, SYN floods.
            "net.ipv4.ip_forward",
            "net.ipv4.conf.all.forwarding",
            "net.ipv4.conf.default.forwarding",
            "net.ipv4.conf.all.send_redirects",
            "net.ipv4.conf.default.send_redirects",
            "net.ipv4.conf.all.accept_redirects",
            "net.ipv4.conf.default.accept_redirects",
            "net.ipv4.conf.all.secure_redirects",
            "net.ipv4.conf.default.secure_redirects",
            "net.ipv4.conf.all.accept_source_route",
            "net.ipv4.conf.default.accept_source_route",
            "net.ipv4.conf.all.rp_filter",
            "net.ipv4.conf.default.rp_filter",
            "net.ipv4.conf.all.log_martians",
            "net.ipv4.conf.default.log_martians",
            "net.ipv4.icmp_echo_ignore_broadcasts",
            "net.ipv4.icmp_ignore_bogus_error_responses",
            "net.ipv4.tcp_syncookies",
            "net.ipv4.tcp_timestamps",
            // IPv6: the same, plus router advertisements and whether IPv6 is on at all.
            "net.ipv6.conf.all.forwarding",
            "net.ipv6.conf.default.forwarding",
            "net.ipv6.conf.all.accept_redirects",
            "net.ipv6.conf.default.accept_redirects",
            "net.ipv6.conf.all.accept_source_route",
            "net.ipv6.conf.default.accept_source_route",
            "net.ipv6.conf.all.accept_ra",
            "net.ipv6.conf.default.accept_ra",
            "net.ipv6.conf.all.disable_ipv6",
            "net.ipv6.conf.default.disable_ipv6");

    private SysctlNames() {}

    /** The /proc/sys path of a setting. */
    static String path(String name) {
        return "/proc/sys/" + name.replace('.', '/');
    }
}
