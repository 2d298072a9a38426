package io.tenantra.scheduling.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The scheduling pages over real HTTP with a real session: a manager creates a profile, previews
 * a cron expression (rendered on the server), creates the schedule, pauses it, runs it now, sees
 * it on the calendar, adds a blackout window, and deletes the schedule; a bad cron is named.
 */
@ServerTest
class SchedulePagesTest {

    private static final Pattern SCHEDULE_ID = Pattern.compile("/schedules/([0-9a-f-]{36})\\?tenant=");
    private static final Pattern PROFILE_OPTION = Pattern.compile("<option value=\"([0-9a-f-]{36})\"");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void aManagerBuildsAScheduleFromTheConsole() {
        UUID tenant = fx.tenant(fx.root(), "schedule-pages");
        ConsoleClient manager = new ConsoleClient(port);
        manager.login(fx.user(tenant, "MANAGER"), Fixtures.PASSWORD, null);
        HttpResponse<String> empty = manager.get("/scan-profiles?tenant=" + tenant); // and the CSRF token
        assertThat(empty.body()).contains("data-testid=\"no-profiles\"").contains("data-testid=\"profile-form\"");

        HttpResponse<String> profile = manager.post(
                "/scan-profiles",
                Map.of("tenant", tenant.toString(), "name", "Nightly", "selectorKind", "all", "concurrency", "5"));
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains("data-testid=\"profile-created\"").contains("Nightly");

        HttpResponse<String> preview = manager.get(
                "/schedules?tenant=" + tenant + "&preview=1&name=Nightly&cron=30+2+*+*+*&zone=Europe/Berlin");
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("data-testid=\"cron-preview\"").contains("02:30");
        assertThat(Pattern.compile("<li>\\d{4}-\\d\\d-\\d\\dT")
                        .matcher(preview.body())
                        .results()
                        .count())
                .isEqualTo(5);
        HttpResponse<String> badPreview = manager.get("/schedules?tenant=" + tenant + "&preview=1&cron=99&zone=UTC");
        assertThat(badPreview.body()).contains("data-testid=\"preview-error\"");

        // The first option after the profile picker (the tenant picker's options come before it).
        Matcher option = PROFILE_OPTION.matcher(
                preview.body().substring(preview.body().indexOf("data-testid=\"schedule-profile\"")));
        assertThat(option.find()).isTrue();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("tenant", tenant.toString());
        form.put("name", "Nightly Berlin");
        form.put("profileId", option.group(1));
        form.put("cron", "30 2 * * *");
        form.put("zone", "Europe/Berlin");
        form.put("catchUp", "run_once");
        form.put("blackout", "defer");
        HttpResponse<String> created = manager.post("/schedules", form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        Matcher id =
                SCHEDULE_ID.matcher(created.headers().firstValue("Location").orElseThrow());
        assertThat(id.find()).isTrue();
        String schedule = id.group(1);

        HttpResponse<String> detail = manager.get("/schedules/" + schedule + "?tenant=" + tenant);
        assertThat(detail.body()).contains("Nightly Berlin").contains("data-testid=\"schedule-pause\"");
        HttpResponse<String> paused = manager.post("/schedules/" + schedule + "/pause?tenant=" + tenant, Map.of());
        assertThat(paused.body()).contains("data-testid=\"schedule-resume\"").contains(">paused<");
        HttpResponse<String> ran = manager.post("/schedules/" + schedule + "/run?tenant=" + tenant, Map.of());
        assertThat(ran.body()).contains("data-testid=\"schedule-done\"").contains("data-testid=\"run-row\"");

        HttpResponse<String> window = manager.post(
                "/schedules/blackouts",
                Map.of(
                        "tenant", tenant.toString(),
                        "name", "Change freeze",
                        "kind", "once",
                        "zone", "UTC",
                        "startsAt", "2031-01-01T00:00",
                        "endsAt", "2030-12-31T00:00"));
        assertThat(window.body()).contains("data-testid=\"form-error\"").contains("ends before it starts");

        HttpResponse<String> resumed = manager.post("/schedules/" + schedule + "/resume?tenant=" + tenant, Map.of());
        assertThat(resumed.body()).contains(">running<");
        HttpResponse<String> calendar = manager.get("/schedules/calendar?tenant=" + tenant);
        assertThat(calendar.body()).contains("data-testid=\"calendar-run\"").contains("Nightly Berlin");

        HttpResponse<String> bad = manager.post(
                "/schedules",
                Map.of(
                        "tenant",
                        tenant.toString(),
                        "name",
                        "x",
                        "profileId",
                        option.group(1),
                        "cron",
                        "0 2 * *",
                        "zone",
                        "UTC"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("data-testid=\"form-error\"").contains("five fields");

        HttpResponse<String> deleted = manager.post("/schedules/" + schedule + "/delete?tenant=" + tenant, Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(manager.get("/schedules?tenant=" + tenant).body()).doesNotContain("Nightly Berlin");
    }
}
