package io.tenantra.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** The operating-system families agents run on. */
public enum OsFamily {
    @JsonProperty("linux")
    LINUX,
    @JsonProperty("macos")
    MACOS,
    @JsonProperty("windows")
    WINDOWS;

    /** The family of the JVM's host, from {@code os.name}. */
    public static OsFamily current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.contains("win")) {
            return WINDOWS;
        }
        if (name.contains("mac") || name.contains("darwin")) {
            return MACOS;
        }
        return LINUX;
    }
}
