package io.tenantra.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formats instants for console pages ({@code @utcTime.format(x)} in templates); the server speaks UTC. */
@Component("utcTime")
class UtcTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
