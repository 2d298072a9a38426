package io.tenantra.scheduling.web;

import io.tenantra.scheduling.ScheduleCalendar;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The calendar week laid out by day (UTC, as every time in the console): each day with the runs
 * due and the blackouts in force on it, so the template only iterates.
 */
record CalendarDays(LocalDate day, List<ScheduleCalendar.Run> runs, List<ScheduleCalendar.Window> blackouts) {

    static List<CalendarDays> of(ScheduleCalendar.Week week) {
        List<CalendarDays> days = new ArrayList<>();
        LocalDate first = week.from().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = week.to().atZone(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDate current = day;
            var start = current.atStartOfDay(ZoneOffset.UTC).toInstant();
            var end = current.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            days.add(new CalendarDays(
                    current,
                    week.runs().stream()
                            .filter(r -> !r.at().isBefore(start) && r.at().isBefore(end))
                            .toList(),
                    week.blackouts().stream()
                            .filter(w -> w.start().isBefore(end) && w.end().isAfter(start))
                            .toList()));
        }
        return days;
    }
}
