package io.tenantra.model;

/**
 * Version of the agent ↔ server protocol. Agents send it with every request; the server answers
 * 426 to agents whose major version it no longer speaks.
 */
public record ProtocolVersion(int major, int minor) implements Comparable<ProtocolVersion> {

    /** The version this build of agent and server speaks. */
    public static final ProtocolVersion CURRENT = new ProtocolVersion(1, 0);

    public ProtocolVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("protocol version parts must be non-negative");
        }
    }

    /** Parses {@code "MAJOR.MINOR"}; anything else is rejected with a message naming the input. */
    public static ProtocolVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("protocol version is missing");
        }
        String[] parts = text.trim().split("\\.");
        if (parts.length != 2) {
            throw new IllegalArgumentException("protocol version must look like MAJOR.MINOR, got '" + text + "'");
        }
        try {
            return new ProtocolVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("protocol version must look like MAJOR.MINOR, got '" + text + "'");
        }
    }

    /** Same major version: minor versions only add optional fields. */
    public boolean isCompatibleWith(ProtocolVersion other) {
        return major == other.major;
    }

    @Override
    public int compareTo(ProtocolVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
