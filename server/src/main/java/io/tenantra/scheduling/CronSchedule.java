package io.tenantra.scheduling;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A five-field Unix cron expression read in an IANA time zone: when it is due next, what it means
 * in words, and the next few due times. Parsing, validation and descriptions come from cron-utils;
 * what this class adds is one rule for the days a zone changes its clocks, so that daylight saving
 * time neither skips nor doubles a run:
 *
 * <ul>
 *   <li>A wall-clock time that does not exist (the hour skipped in spring) runs once, shifted
 *       forward by the length of the gap (02:30 on the night clocks jump from 02:00 to 03:00 runs
 *       at 03:30 local time).
 *   <li>A wall-clock time that exists twice (the hour repeated in autumn) runs once, at its first
 *       occurrence, unless the hour field is {@code *}: an expression that fires every hour also
 *       fires in the repeated hour, since those are real hours that would otherwise pass without a
 *       run.
 * </ul>
 *
 * Due times are computed from the wall clock, not by adding intervals, so a schedule never drifts.
 */
public final class CronSchedule {

    public static final int MAX_LENGTH = 200;
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    // A wall-clock search gives up after this many candidates that all fall before the instant
    // asked about; only overlaps produce such candidates, and an hour has at most 60 of them.
    private static final int MAX_STEPS = 200;

    private final String expression;
    private final ZoneId zone;
    private final Cron cron;
    private final ExecutionTime executions;
    private final boolean everyHour;

    private CronSchedule(String expression, ZoneId zone, Cron cron) {
        this.expression = expression;
        this.zone = zone;
        this.cron = cron;
        this.executions = ExecutionTime.forCron(cron);
        this.everyHour = "*".equals(expression.split("\\s+")[1]);
    }

    /**
     * Parses {@code expression} for {@code zoneId}; the problems found (field name, message), or
     * the schedule when there are none.
     */
    public static Parsed parse(String expression, String zoneId, String cronField, String zoneField) {
        List<Problem> problems = new ArrayList<>();
        ZoneId zone = null;
        if (zoneId == null || zoneId.isBlank()) {
            problems.add(new Problem(zoneField, "is required: an IANA time zone such as Europe/Berlin"));
        } else if (zoneId.length() > 64) {
            problems.add(new Problem(zoneField, "must be at most 64 characters"));
        } else {
            try {
                zone = ZoneId.of(zoneId.strip());
                if (zone instanceof ZoneOffset && !"UTC".equals(zoneId.strip()) && !"Z".equals(zoneId.strip())) {
                    problems.add(
                            new Problem(zoneField, "must be an IANA time zone such as Europe/Berlin, not an offset"));
                }
            } catch (DateTimeException e) {
                problems.add(new Problem(zoneField, "is not a known IANA time zone: " + zoneId.strip()));
            }
        }
        Cron cron = null;
        String text = expression == null ? "" : expression.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            problems.add(
                    new Problem(cronField, "is required: five fields, minute hour day-of-month month day-of-week"));
        } else if (text.length() > MAX_LENGTH) {
            problems.add(new Problem(cronField, "must be at most " + MAX_LENGTH + " characters"));
        } else if (text.split(" ").length != 5) {
            problems.add(new Problem(
                    cronField, "must have five fields: minute hour day-of-month month day-of-week (e.g. 0 2 * * 1)"));
        } else {
            try {
                cron = PARSER.parse(text);
                cron.validate();
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(cronField, "is not a valid cron expression: " + e.getMessage()));
                cron = null;
            }
        }
        if (!problems.isEmpty()) {
            return new Parsed(null, problems);
        }
        CronSchedule schedule = new CronSchedule(text, zone, cron);
        if (schedule.executions
                .nextExecution(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC))
                .isEmpty()) {
            return new Parsed(null, List.of(new Problem(cronField, "never matches a date (e.g. 30 February)")));
        }
        return new Parsed(schedule, List.of());
    }

    /** The result of {@link #parse}: a schedule, or why there is none. */
    public record Parsed(CronSchedule schedule, List<Problem> problems) {

        public boolean valid() {
            return schedule != null;
        }
    }

    /** One thing wrong with an expression or its zone, for a field of a request. */
    public record Problem(String field, String message) {}

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The expression in English, e.g. "at 02:00 on Monday". */
    public String description() {
        return CronDescriptor.instance(Locale.UK).describe(cron);
    }

    /** The first due time strictly after {@code after}; empty when the expression never matches again. */
    public Optional<Instant> nextAfter(Instant after) {
        return everyHour ? nextInRealTime(after) : nextOnWallClock(after);
    }

    /**
     * For expressions that fire every hour: the next match in the offset in force, unless the
     * zone changes offset first; then the search goes on from the change in the new offset. The
     * repeated autumn hour gets its runs, the skipped spring hour has no real time to run in.
     */
    private Optional<Instant> nextInRealTime(Instant after) {
        ZonedDateTime from = after.atZone(zone.getRules().getOffset(after));
        // Offset changes up to this instant are already accounted for in from's offset.
        Instant settled = after;
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> next = executions.nextExecution(from);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            Instant candidate = next.get().toInstant();
            ZoneOffsetTransition change = zone.getRules().nextTransition(settled);
            if (change == null || candidate.isBefore(change.getInstant())) {
                return Optional.of(candidate);
            }
            from = change.getInstant().minusSeconds(1).atZone(change.getOffsetAfter());
            settled = change.getInstant();
        }
        return Optional.empty();
    }

    private Optional<Instant> nextOnWallClock(Instant after) {
        LocalDateTime cursor = LocalDateTime.ofInstant(after, zone);
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<ZonedDateTime> next = executions.nextExecution(cursor.atZone(ZoneOffset.UTC));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime local = next.get().toLocalDateTime();
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.size() == 2) {
                // Autumn: the wall-clock time exists twice; the first occurrence always counts.
                Instant first =
                        ZonedDateTime.ofLocal(local, zone, offsets.get(0)).toInstant();
                Instant second =
                        ZonedDateTime.ofLocal(local, zone, offsets.get(1)).toInstant();
                Instant earlier = first.isBefore(second) ? first : second;
                if (earlier.isAfter(after)) {
                    return Optional.of(earlier);
                }
            } else {
                // Spring: ZonedDateTime moves a time in the gap forward by the gap's length.
                Instant instant = ZonedDateTime.ofLocal(local, zone, null).toInstant();
                if (instant.isAfter(after)) {
                    return Optional.of(instant);
                }
            }
            cursor = local;
        }
        return Optional.empty();
    }

    /** The next {@code count} due times after {@code after}, earliest first (fewer if it stops). */
    public List<Instant> next(Instant after, int count) {
        List<Instant> times = new ArrayList<>(count);
        Instant cursor = after;
        while (times.size() < count) {
            Optional<Instant> next = nextAfter(cursor);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }

    /** Every due time in {@code (from, to]}, at most {@code limit} of them. */
    public List<Instant> between(Instant from, Instant to, int limit) {
        List<Instant> times = new ArrayList<>();
        Instant cursor = from;
        while (times.size() < limit) {
            Optional<Instant> next = nextAfter(cursor);
            if (next.isEmpty() || next.get().isAfter(to)) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }

    /** Whether the zone changes its clocks in {@code (from, to]}; shown beside previews. */
    public boolean clockChangeBetween(Instant from, Instant to) {
        ZoneOffsetTransition transition = zone.getRules().nextTransition(from);
        return transition != null && !transition.getInstant().isAfter(to);
    }
}
