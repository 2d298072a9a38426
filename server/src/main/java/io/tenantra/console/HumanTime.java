package io.tenantra.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Component;

/**
 * Times as people read them on console pages: {@code @humanTime.ago(t)} ("3 min ago") for the
 * text and {@code @humanTime.exact(t)} ("2026-12-03 14:05:09 UTC") for the hover title, written
 * as {@code <time th:datetime="${t}" th:title="${@humanTime.exact(t)}"
 * th:text="${@humanTime.ago(t)}">}. Relative to the injected {@link Clock}, so tests can move
 * it; beyond a month the date itself says more than "47 days ago".
 */
@Component("humanTime")
public class HumanTime {

    private static final DateTimeFormatter EXACT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Clock clock;

    HumanTime(Clock clock) {
        this.clock = clock;
    }

    /** To the second, in UTC; empty for null. */
    public String exact(Instant instant) {
        return instant == null ? "" : EXACT.format(instant);
    }

    /** How long ago (or, for a future instant, how far ahead); the date past 30 days; empty for null. */
    public String ago(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration between = Duration.between(instant, clock.instant());
        boolean future = between.isNegative();
        long seconds = between.abs().getSeconds();
        if (seconds < 60) {
            return future ? "in under a minute" : "just now";
        }
        String amount;
        if (seconds < 3600) {
            amount = seconds / 60 + " min";
        } else if (seconds < 86_400) {
            amount = seconds / 3600 + " h";
        } else if (seconds < 30 * 86_400L) {
            long days = seconds / 86_400;
            amount = days + (days == 1 ? " day" : " days");
        } else {
            return DATE.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        return future ? "in " + amount : amount + " ago";
    }
}
