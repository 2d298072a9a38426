package io.tenantra.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Due times of cron expressions, including the days a zone changes its clocks. */
class CronScheduleTest {

    private static CronSchedule cron(String expression, String zone) {
        CronSchedule.Parsed parsed = CronSchedule.parse(expression, zone, "cron", "zone");
        assertThat(parsed.problems()).isEmpty();
        return parsed.schedule();
    }

    private static Instant at(String zoned) {
        return ZonedDateTime.parse(zoned).toInstant();
    }

    @Test
    void aDailyRunAtATimeSkippedInSpringRunsOnceShiftedForward() {
        // Europe/Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
        CronSchedule daily = cron("30 2 * * *", "Europe/Berlin");
        List<Instant> runs = daily.next(at("2026-03-28T12:00:00+01:00[Europe/Berlin]"), 3);
        assertThat(runs)
                .containsExactly(
                        at("2026-03-29T02:30:00+01:00[Europe/Berlin]"), // 01:30 UTC, i.e. 03:30 CEST
                        at("2026-03-30T02:30:00+02:00[Europe/Berlin]"),
                        at("2026-03-31T02:30:00+02:00[Europe/Berlin]"));
        assertThat(runs.get(0)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void aDailyRunAtATimeRepeatedInAutumnRunsOnce() {
        // Europe/Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
        CronSchedule daily = cron("30 2 * * *", "Europe/Berlin");
        List<Instant> runs = daily.next(at("2026-10-24T12:00:00+02:00[Europe/Berlin]"), 3);
        assertThat(runs)
                .containsExactly(
                        Instant.parse("2026-10-25T00:30:00Z"), // the first 02:30 (CEST)
                        Instant.parse("2026-10-26T01:30:00Z"),
                        Instant.parse("2026-10-27T01:30:00Z"));
    }

    @Test
    void anHourlyRunKeepsItsRealHoursAcrossBothChanges() {
        CronSchedule hourly = cron("0 * * * *", "America/New_York");
        // 2026-11-01: 02:00 EDT becomes 01:00 EST; the hour 01:00-02:00 happens twice.
        List<Instant> autumn = hourly.next(Instant.parse("2026-11-01T04:30:00Z"), 4);
        assertThat(autumn)
                .containsExactly(
                        Instant.parse("2026-11-01T05:00:00Z"), // 01:00 EDT
                        Instant.parse("2026-11-01T06:00:00Z"), // 01:00 EST
                        Instant.parse("2026-11-01T07:00:00Z"),
                        Instant.parse("2026-11-01T08:00:00Z"));
        // 2026-03-08: 02:00 EST becomes 03:00 EDT; no real hour is lost, none doubled.
        List<Instant> spring = hourly.next(Instant.parse("2026-03-08T05:30:00Z"), 3);
        assertThat(spring)
                .containsExactly(
                        Instant.parse("2026-03-08T06:00:00Z"), // 01:00 EST
                        Instant.parse("2026-03-08T07:00:00Z"), // 03:00 EDT
                        Instant.parse("2026-03-08T08:00:00Z"));
    }

    @Test
    void everyMinuteRunsEveryRealMinuteThroughTheAutumnChange() {
        CronSchedule everyMinute = cron("* * * * *", "Europe/Berlin");
        // Just before 03:00 CEST turns into 02:00 CET (01:00 UTC).
        List<Instant> runs = everyMinute.next(Instant.parse("2026-10-25T00:58:00Z"), 4);
        assertThat(runs)
                .containsExactly(
                        Instant.parse("2026-10-25T00:59:00Z"),
                        Instant.parse("2026-10-25T01:00:00Z"),
                        Instant.parse("2026-10-25T01:01:00Z"),
                        Instant.parse("2026-10-25T01:02:00Z"));
        List<Instant> spring = everyMinute.next(Instant.parse("2026-03-29T00:58:00Z"), 3);
        assertThat(spring)
                .containsExactly(
                        Instant.parse("2026-03-29T00:59:00Z"),
                        Instant.parse("2026-03-29T01:00:00Z"),
                        Instant.parse("2026-03-29T01:01:00Z"));
    }

    @Test
    void theThirtyFirstRunsOnlyInMonthsThatHaveIt() {
        CronSchedule monthly = cron("0 6 31 * *", "UTC");
        assertThat(monthly.next(Instant.parse("2027-01-01T00:00:00Z"), 4))
                .containsExactly(
                        Instant.parse("2027-01-31T06:00:00Z"),
                        Instant.parse("2027-03-31T06:00:00Z"),
                        Instant.parse("2027-05-31T06:00:00Z"),
                        Instant.parse("2027-07-31T06:00:00Z"));
    }

    @Test
    void februaryTheTwentyNinthRunsInLeapYearsOnly() {
        CronSchedule leap = cron("0 9 29 2 *", "Europe/Berlin");
        assertThat(leap.next(Instant.parse("2026-06-01T00:00:00Z"), 3))
                .containsExactly(
                        Instant.parse("2028-02-29T08:00:00Z"),
                        Instant.parse("2032-02-29T08:00:00Z"),
                        Instant.parse("2036-02-29T08:00:00Z"));
    }

    @Test
    void everyMinuteIsDescribedAndDueEachMinute() {
        CronSchedule everyMinute = cron("* * * * *", "UTC");
        assertThat(everyMinute.next(Instant.parse("2026-12-03T10:00:30Z"), 3))
                .containsExactly(
                        Instant.parse("2026-12-03T10:01:00Z"),
                        Instant.parse("2026-12-03T10:02:00Z"),
                        Instant.parse("2026-12-03T10:03:00Z"));
        assertThat(everyMinute.description()).containsIgnoringCase("every minute");
        assertThat(cron("0 2 * * 1", "UTC").description()).contains("02:00").containsIgnoringCase("monday");
    }

    @Test
    void betweenListsEveryDueTimeOfAPeriod() {
        CronSchedule everyMinute = cron("* * * * *", "UTC");
        assertThat(everyMinute.between(
                        Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T10:05:00Z"), 100))
                .hasSize(5);
    }

    @Test
    void badExpressionsAndZonesAreRefusedWithTheirField() {
        assertThat(CronSchedule.parse("61 * * * *", "UTC", "cron", "zone").problems())
                .extracting(CronSchedule.Problem::field)
                .containsExactly("cron");
        assertThat(CronSchedule.parse("* * * *", "UTC", "cron", "zone").problems())
                .extracting(CronSchedule.Problem::message)
                .anyMatch(m -> m.contains("five fields"));
        assertThat(CronSchedule.parse("0 0 30 2 *", "UTC", "cron", "zone").problems())
                .extracting(CronSchedule.Problem::message)
                .anyMatch(m -> m.contains("never"));
        assertThat(CronSchedule.parse("0 2 * * *", "Mars/Olympus_Mons", "cron", "zone")
                        .problems())
                .extracting(CronSchedule.Problem::field)
                .containsExactly("zone");
        assertThat(CronSchedule.parse("0 2 * * *", "+02:00", "cron", "zone").problems())
                .extracting(CronSchedule.Problem::field)
                .containsExactly("zone");
        assertThat(CronSchedule.parse("x".repeat(300), "UTC", "cron", "zone").problems())
                .extracting(CronSchedule.Problem::message)
                .anyMatch(m -> m.contains("at most"));
    }
}
