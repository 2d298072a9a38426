package io.tenantra.model;

import java.util.List;

/**
 * What an agent reports about its host when it enrolls: enough to recognise the machine in the
 * registry and to select it for scans (by OS family) before any module has run.
 *
 * @param ipAddresses the host's non-loopback addresses, textual form
 */
public record HostFacts(
        String hostname,
        OsFamily osFamily,
        String osVersion,
        String architecture,
        String agentVersion,
        List<String> ipAddresses) {

    public HostFacts {
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    }
}
