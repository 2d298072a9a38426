package io.tenantra.agent.modules.network;

import io.tenantra.model.Severity;
import java.util.Map;

/**
 * Well-known ports of services that should not listen beyond loopback: clear-text logins and
 * file transfer, the r-commands, SMB/NetBIOS, and data stores that ship without authentication.
 */
final class RiskyServices {

    record Service(String name, Severity severity, String why) {}

    private static final Map<String, Service> BY_PORT = Map.ofEntries(
            Map.entry("tcp/21", new Service("ftp", Severity.MEDIUM, "FTP sends credentials in clear text")),
            Map.entry("tcp/23", new Service("telnet", Severity.HIGH, "telnet sends credentials in clear text")),
            Map.entry("tcp/512", new Service("rexec", Severity.HIGH, "rexec authenticates in clear text")),
            Map.entry("tcp/513", new Service("rlogin", Severity.HIGH, "rlogin trusts host names and sends clear text")),
            Map.entry("tcp/514", new Service("rsh", Severity.HIGH, "rsh trusts host names and sends clear text")),
            Map.entry("udp/69", new Service("tftp", Severity.MEDIUM, "TFTP has no authentication")),
            Map.entry("tcp/111", new Service("rpcbind", Severity.MEDIUM, "rpcbind exposes RPC service discovery")),
            Map.entry("udp/111", new Service("rpcbind", Severity.MEDIUM, "rpcbind exposes RPC service discovery")),
            Map.entry(
                    "tcp/139",
                    new Service("netbios-ssn", Severity.MEDIUM, "SMB over NetBIOS on a non-loopback address")),
            Map.entry(
                    "udp/137", new Service("netbios-ns", Severity.LOW, "NetBIOS name service leaks host information")),
            Map.entry("udp/138", new Service("netbios-dgm", Severity.LOW, "NetBIOS datagrams leak host information")),
            Map.entry("tcp/445", new Service("smb", Severity.MEDIUM, "SMB file sharing on a non-loopback address")),
            Map.entry("udp/161", new Service("snmp", Severity.MEDIUM, "SNMP (often v1/v2c community strings)")),
            Map.entry("tcp/2049", new Service("nfs", Severity.MEDIUM, "NFS exports reachable from the network")),
            Map.entry(
                    "tcp/5900", new Service("vnc", Severity.MEDIUM, "VNC desktop sharing, often weakly authenticated")),
            Map.entry("tcp/6000", new Service("x11", Severity.HIGH, "X11 server accepting network clients")),
            Map.entry("tcp/6379", new Service("redis", Severity.MEDIUM, "Redis is unauthenticated by default")),
            Map.entry("tcp/11211", new Service("memcached", Severity.MEDIUM, "memcached has no authentication")),
            Map.entry(
                    "udp/11211",
                    new Service("memcached", Severity.MEDIUM, "memcached over UDP is an amplification vector")),
            Map.entry("tcp/27017", new Service("mongodb", Severity.MEDIUM, "MongoDB reachable from the network")),
            Map.entry(
                    "tcp/9200",
                    new Service("elasticsearch", Severity.MEDIUM, "Elasticsearch HTTP API reachable from the network")),
            Map.entry(
                    "tcp/2375",
                    new Service("docker", Severity.CRITICAL, "unauthenticated Docker API gives root on the host")));

    private RiskyServices() {}

    /** The risky service on this port, or null. {@code protocol} may end in 6 (tcp6, udp6). */
    static Service lookup(String protocol, int port) {
        return BY_PORT.get(protocol.replace("6", "") + "/" + port);
    }
}
