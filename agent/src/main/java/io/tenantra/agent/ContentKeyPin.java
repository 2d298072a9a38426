package io.tenantra.agent;

import static io.tenantra.agent.AgentLog.LOG;

import io.tenantra.agent.probes.PinnedKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * The server content key this agent trusts for probes, pinned in {@code content-key.properties} of
 * the state directory: the first key the server names (at enrollment, or in a heartbeat answer for
 * agents enrolled before probes existed) is kept, and any other key is refused, so whoever takes
 * over the connection later cannot make this agent run their probes. A new server key needs the
 * agent enrolled again ({@code enroll --force}), which replaces the pin.
 */
final class ContentKeyPin {

    static final String FILE = "content-key.properties";

    private final AgentHome home;
    private volatile boolean warned;

    ContentKeyPin(AgentHome home) {
        this.home = home;
    }

    Optional<PinnedKey> pinned() {
        try {
            Optional<String> text = home.readText(FILE);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(new StringReader(text.get()));
            return Optional.of(PinnedKey.of(p.getProperty("keyId"), p.getProperty("publicKey")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            LOG.warning("The pinned content key in " + FILE + " is damaged (" + e.getMessage()
                    + "); probes are refused until the agent is enrolled again");
            return Optional.empty();
        }
    }

    /** Pins the offered key when none is pinned; a different key is refused (and logged once). */
    void offer(String keyId, String publicKey) {
        if (keyId == null || publicKey == null) {
            return; // a server older than probes
        }
        Optional<PinnedKey> current = pinned();
        if (current.isPresent()) {
            if (!current.get().keyId().equals(keyId) && !warned) {
                warned = true;
                LOG.warning("The server names content key " + keyId + " but this agent pinned "
                        + current.get().keyId() + "; probes signed by the new key are refused. Enroll again to"
                        + " trust it.");
            }
            return;
        }
        pin(keyId, publicKey);
    }

    /** Replaces the pin (enrollment: a new identity trusts the key its server names now). */
    void pin(String keyId, String publicKey) {
        if (keyId == null || publicKey == null) {
            return;
        }
        PinnedKey key;
        try {
            key = PinnedKey.of(keyId, publicKey);
        } catch (IllegalArgumentException e) {
            LOG.warning("The server offered an unusable content key: " + e.getMessage());
            return;
        }
        Properties p = new Properties();
        p.setProperty("keyId", key.keyId());
        p.setProperty("publicKey", key.publicKeyBase64());
        StringWriter out = new StringWriter();
        try {
            p.store(out, "Tenantra server content key: probes must be signed by it; do not edit");
            home.writeText(FILE, out.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("Pinned the server content key " + key.keyId());
    }
}
