package io.tenantra.agent;

import io.tenantra.model.HostFacts;
import io.tenantra.model.OsFamily;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The little the agent reports about its host at enrollment, from the JDK alone (fast, no tools). */
final class HostFactsCollector {

    private HostFactsCollector() {}

    static HostFacts collect() {
        return new HostFacts(
                hostname(),
                OsFamily.current(),
                osVersion(),
                System.getProperty("os.arch", ""),
                AgentMain.Version.buildVersion(),
                addresses());
    }

    static String hostname() {
        String env = System.getenv("HOSTNAME");
        try {
            String name = InetAddress.getLocalHost().getHostName();
            if (name != null && !name.isBlank()) {
                return name;
            }
        } catch (IOException e) {
            // fall back below
        }
        return env == null || env.isBlank() ? "unknown-host" : env;
    }

    private static String osVersion() {
        Path release = Path.of("/etc/os-release");
        if (Files.isReadable(release)) {
            try {
                for (String line : Files.readAllLines(release)) {
                    if (line.startsWith("PRETTY_NAME=")) {
                        return truncate(line.substring(12).replace("\"", "") + " (kernel "
                                + System.getProperty("os.version", "?") + ")");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // use the JVM's view below
            }
        }
        return truncate(System.getProperty("os.name", "") + " " + System.getProperty("os.version", ""));
    }

    private static List<String> addresses() {
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int zone = text.indexOf('%');
                    found.add(zone < 0 ? text : text.substring(0, zone));
                }
            }
        } catch (SocketException e) {
            // no addresses is a valid answer
        }
        return found.size() > 64 ? found.subList(0, 64) : found;
    }

    private static String truncate(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text.strip();
    }
}
