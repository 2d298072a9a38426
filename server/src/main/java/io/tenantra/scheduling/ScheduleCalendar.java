package io.tenantra.scheduling;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.CallContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The coming week of a tenant: when its enabled schedules are due and when its blackout windows
 * are in force, for the calendar page and API. Frequent schedules are cut at
 * {@value #MAX_RUNS_PER_SCHEDULE} due times (and say so), so an every-minute schedule does not
 * bury the rest.
 */
@Service
public class ScheduleCalendar {

    static final int MAX_RUNS_PER_SCHEDULE = 200;
    static final int MAX_SCHEDULES = 500;
    static final Duration WEEK = Duration.ofDays(7);

    private final ScheduleRepository schedules;
    private final Blackouts blackouts;
    private final TenantTransactions tx;

    ScheduleCalendar(ScheduleRepository schedules, Blackouts blackouts, TenantTransactions tx) {
        this.schedules = schedules;
        this.blackouts = blackouts;
        this.tx = tx;
    }

    /** One week from {@code call.at()}. */
    public Week week(CallContext call) {
        Instant from = call.at();
        Instant to = from.plus(WEEK);
        List<Run> runs = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        for (var schedule : tx.read(call.scope(), () -> schedules.enabled(call.tenantId(), MAX_SCHEDULES))) {
            CronSchedule cron = Schedules.parse(schedule.cron(), schedule.zone());
            List<Instant> due = cron.between(from, to, MAX_RUNS_PER_SCHEDULE + 1);
            if (due.size() > MAX_RUNS_PER_SCHEDULE) {
                truncated.add(schedule.name());
                due = due.subList(0, MAX_RUNS_PER_SCHEDULE);
            }
            due.forEach(at -> runs.add(new Run(schedule.id(), schedule.name(), at)));
        }
        runs.sort(Comparator.comparing(Run::at).thenComparing(Run::scheduleName));
        List<Window> windows = new ArrayList<>();
        for (BlackoutWindow window : blackouts.windows(call.scope(), call.tenantId())) {
            for (BlackoutWindow.Occurrence o : window.occurrences(from, to, MAX_RUNS_PER_SCHEDULE)) {
                windows.add(new Window(
                        window.id(),
                        window.name(),
                        window.wholeTenant() ? null : Map.of(window.tagKey(), window.tagValue()),
                        o.start(),
                        o.end()));
            }
        }
        windows.sort(Comparator.comparing(Window::start));
        return new Week(from, to, runs, windows, truncated);
    }

    /**
     * A week of due runs and blackouts.
     *
     * @param truncated schedules with more than {@value #MAX_RUNS_PER_SCHEDULE} due times in the week (only the first are listed)
     */
    @Schema(name = "ScheduleCalendarWeek")
    public record Week(Instant from, Instant to, List<Run> runs, List<Window> blackouts, List<String> truncated) {}

    /** One due time of one schedule. */
    @Schema(name = "ScheduleCalendarRun")
    public record Run(UUID scheduleId, String scheduleName, Instant at) {}

    /** One occurrence of a blackout window; {@code tag} null when it covers the whole tenant. */
    @Schema(name = "ScheduleCalendarWindow")
    public record Window(UUID windowId, String name, Map<String, String> tag, Instant start, Instant end) {}
}
