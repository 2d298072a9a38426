package io.tenantra.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A blackout window's rule, without storage: weekly ranges in a zone (a range whose end is not
 * after its start runs past midnight into the next day), starts from a cron expression each
 * lasting a duration, or one fixed range. Answers whether an instant is inside an occurrence (and
 * until when) and lists the occurrences of a period for the calendar. Pure: the clock is an
 * argument.
 *
 * @param tagKey null for a window over the whole tenant; else it covers the agents tagged {@code tagKey=tagValue}
 */
record BlackoutWindow(
        UUID id,
        String name,
        String tagKey,
        String tagValue,
        String kind,
        ZoneId zone,
        Set<DayOfWeek> days,
        LocalTime startTime,
        LocalTime endTime,
        CronSchedule cron,
        Duration duration,
        Instant startsAt,
        Instant endsAt) {

    // The longest cron window is a week; an every-minute cron then has 10,080 starts inside one.
    private static final int MAX_CRON_STARTS = 10_200;

    /** One occurrence: {@code [start, end)}. */
    record Occurrence(Instant start, Instant end) {}

    boolean wholeTenant() {
        return tagKey == null;
    }

    /** The end of the occurrence containing {@code at} (the latest, if several); empty outside one. */
    Optional<Instant> activeUntil(Instant at) {
        Instant until = null;
        for (Occurrence occurrence : occurrences(at, at, MAX_CRON_STARTS)) {
            if (!occurrence.start().isAfter(at) && occurrence.end().isAfter(at)) {
                until = until == null || occurrence.end().isAfter(until) ? occurrence.end() : until;
            }
        }
        return Optional.ofNullable(until);
    }

    /** Occurrences overlapping {@code [from, to]}, earliest first, at most about {@code limit}. */
    List<Occurrence> occurrences(Instant from, Instant to, int limit) {
        List<Occurrence> found = new ArrayList<>();
        switch (kind) {
            case "once" -> {
                if (startsAt.isBefore(to.plusNanos(1)) && endsAt.isAfter(from)) {
                    found.add(new Occurrence(startsAt, endsAt));
                }
            }
            case "cron" -> {
                // Starts after (from - duration) can still be running at from.
                for (Instant start : cron.between(from.minus(duration), to, limit)) {
                    if (start.plus(duration).isAfter(from)) {
                        found.add(new Occurrence(start, start.plus(duration)));
                    }
                }
            }
            default -> {
                LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
                LocalDate last = to.atZone(zone).toLocalDate();
                while (!day.isAfter(last) && found.size() < limit) {
                    if (days.contains(day.getDayOfWeek())) {
                        Instant start = ZonedDateTime.ofLocal(day.atTime(startTime), zone, null)
                                .toInstant();
                        LocalDate endDay = endTime.isAfter(startTime) ? day : day.plusDays(1);
                        Instant end = ZonedDateTime.ofLocal(endDay.atTime(endTime), zone, null)
                                .toInstant();
                        if (end.isAfter(from) && !start.isAfter(to)) {
                            found.add(new Occurrence(start, end));
                        }
                    }
                    day = day.plusDays(1);
                }
            }
        }
        return found;
    }

    /** The rule in words, e.g. "Mon, Tue 22:00-06:00 (Europe/Berlin)". */
    String description() {
        return switch (kind) {
            case "once" -> "from " + startsAt + " to " + endsAt;
            case "cron" -> cron.description() + " for " + duration.toMinutes() + " minutes (" + zone + ")";
            default ->
                days.stream()
                                .sorted()
                                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.UK))
                                .collect(Collectors.joining(", "))
                        + " " + startTime + "-" + endTime + (endTime.isAfter(startTime) ? "" : " (next day)") + " ("
                        + zone + ")";
        };
    }
}
