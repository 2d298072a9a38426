package io.tenantra.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The scan profile, schedule and blackout window APIs: what they accept, what they refuse (every
 * refusal an RFC 9457 problem naming the field), the plan rule, and the schedule lifecycle.
 */
@ServerTest
class SchedulingApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    Http http;
    String admin;
    SchedulingWorld world;
    UUID tenant;
    String base;

    @BeforeEach
    void world() {
        http = new Http(port);
        admin = http.loginAdmin();
        world = new SchedulingWorld(http, admin, jdbc, tx);
        tenant = fx.tenant(fx.root(), "sched-api");
        base = SchedulingWorld.base(tenant);
    }

    private static void assertProblem(Http.Response response, int status, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        if (field != null) {
            assertThat(response.json()
                            .get("errors")
                            .valueStream()
                            .map(e -> e.get("field").asString()))
                    .as(response.body())
                    .contains(field);
        }
    }

    private Http.Response put(String path, Object body) {
        return http.send(http.request(path, admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(SchedulingWorld.JSON.writeValueAsString(body)))
                .build());
    }

    private Http.Response delete(String path) {
        return http.send(http.request(path, admin).DELETE().build());
    }

    @Test
    void profilesAreCreatedReadListedReplacedAndDeleted() {
        Http.Response created = http.postJson(
                base + "/scan-profiles",
                admin,
                Map.of(
                        "name",
                        "Nightly servers",
                        "selector",
                        Map.of("tags", Map.of("role", "server")),
                        "modules",
                        List.of("system"),
                        "frameworks",
                        List.of("cis-debian-12"),
                        "timeLimitMinutes",
                        90,
                        "concurrency",
                        10,
                        "jitterSeconds",
                        120));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("selector").get("tags").get("role").asString())
                .isEqualTo("server");
        assertThat(created.json().get("timeLimitMinutes").asInt()).isEqualTo(90);

        assertThat(http.get(base + "/scan-profiles/" + id, admin)
                        .json()
                        .get("concurrency")
                        .asInt())
                .isEqualTo(10);
        JsonNode listed = http.get(base + "/scan-profiles?q=nightly", admin).json();
        assertThat(listed.get("items")).hasSize(1);

        Http.Response replaced =
                put(base + "/scan-profiles/" + id, Map.of("name", "Nightly all", "selector", Map.of("all", true)));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("concurrency").isNull()).isTrue();

        Http.Response duplicate = http.postJson(
                base + "/scan-profiles", admin, Map.of("name", "nightly ALL", "selector", Map.of("all", true)));
        assertProblem(duplicate, 409, null);

        UUID schedule = world.schedule(tenant, UUID.fromString(id), "0 2 * * *", "UTC", Map.of());
        assertProblem(delete(base + "/scan-profiles/" + id), 409, null);
        assertThat(delete(base + "/schedules/" + schedule).status()).isEqualTo(204);
        assertThat(delete(base + "/scan-profiles/" + id).status()).isEqualTo(204);
        assertProblem(http.get(base + "/scan-profiles/" + id, admin), 404, null);
    }

    @Test
    void badProfilesAreRefusedWithEveryFieldNamed() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("name", "");
        bad.put("selector", Map.of("all", true, "os", "linux"));
        bad.put("modules", List.of("no-such-module"));
        bad.put("concurrency", 0);
        bad.put("jitterSeconds", 9999);
        bad.put("policies", List.of("Not An Id"));
        Http.Response refused = http.postJson(base + "/scan-profiles", admin, bad);
        assertProblem(refused, 422, "name");
        assertThat(refused.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .contains("selector", "modules", "concurrency", "jitterSeconds", "policies");

        Http.Response wrongType = http.post(
                base + "/scan-profiles",
                admin,
                "application/json",
                "{\"name\":\"x\",\"selector\":{\"all\":true},\"concurrency\":\"many\"}");
        assertThat(wrongType.status()).isBetween(400, 422);
        assertThat(wrongType.header("Content-Type")).startsWith("application/problem+json");

        Http.Response oversized = http.post(
                base + "/scan-profiles",
                admin,
                "application/json",
                "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"selector\":{\"all\":true}}");
        assertProblem(oversized, 413, null);

        Http.Response longName = http.postJson(
                base + "/scan-profiles", admin, Map.of("name", "x".repeat(101), "selector", Map.of("all", true)));
        assertProblem(longName, 422, "name");
    }

    @Test
    void thePreviewDescribesACronAndListsItsNextFiveRuns() {
        Http.Response preview = http.get(base + "/schedules/preview?cron=0+2+*+*+1&zone=Europe/Berlin", admin);
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("description").asString()).contains("02:00");
        assertThat(preview.json().get("nextRuns")).hasSize(5);
        Instant first = Instant.parse(preview.json().get("nextRuns").get(0).asString());
        assertThat(first.atZone(java.time.ZoneId.of("Europe/Berlin")).getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.MONDAY);

        assertProblem(http.get(base + "/schedules/preview?cron=99+*+*+*+*&zone=UTC", admin), 422, "cron");
        assertProblem(http.get(base + "/schedules/preview?cron=0+2+*+*+*&zone=Nowhere/Atlantis", admin), 422, "zone");
        assertProblem(http.get(base + "/schedules/preview?zone=UTC", admin), 422, "cron");
    }

    @Test
    void schedulesLiveThroughPauseResumeRunNowAndDelete() {
        world.agent(tenant, Map.of());
        UUID profile = world.profile(tenant, Map.of());
        Http.Response created = http.postJson(
                base + "/schedules",
                admin,
                Map.of(
                        "name", "Weekly",
                        "profileId", profile.toString(),
                        "cron", "0 2 * * 1",
                        "zone", "America/New_York",
                        "catchUp", "skip",
                        "blackout", "skip"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("nextRuns")).hasSize(5);
        assertThat(created.json().get("nextRunAt").asString())
                .isEqualTo(created.json().get("nextRuns").get(0).asString());
        assertThat(created.json().get("ownerId").asString()).isNotBlank();
        long tasks = jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?")
                .param(tenant + "/" + id)
                .query(Long.class)
                .single();
        assertThat(tasks).isEqualTo(1);

        Http.Response paused = http.postJson(base + "/schedules/" + id + "/pause", admin, Map.of());
        assertThat(paused.json().get("enabled").asBoolean()).isFalse();
        assertThat(paused.json().get("nextRunAt").isNull()).isTrue();
        assertProblem(http.postJson(base + "/schedules/" + id + "/pause", admin, Map.of()), 409, null);
        Http.Response resumed = http.postJson(base + "/schedules/" + id + "/resume", admin, Map.of());
        assertThat(resumed.json().get("enabled").asBoolean()).isTrue();

        Http.Response run = http.postJson(base + "/schedules/" + id + "/run", admin, Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(201);
        assertThat(run.json().get("trigger").asString()).isEqualTo("manual");
        assertThat(run.json().get("scanIds")).hasSize(1);
        Http.Response history = http.get(base + "/schedules/" + id + "/runs", admin);
        assertThat(history.json().get("items")).hasSize(1);

        Http.Response calendar = http.get(base + "/schedules/calendar", admin);
        assertThat(calendar.status()).isEqualTo(200);
        assertThat(calendar.json()
                        .get("runs")
                        .valueStream()
                        .map(r -> r.get("scheduleId").asString()))
                .contains(id);

        assertThat(delete(base + "/schedules/" + id).status()).isEqualTo(204);
        assertProblem(http.get(base + "/schedules/" + id, admin), 404, null);
        assertThat(jdbc.sql("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?")
                        .param(tenant + "/" + id)
                        .query(Long.class)
                        .single())
                .isZero();
        // History outlives the schedule.
        assertThat(tx.read(
                        TenantScope.of(tenant),
                        () -> jdbc.sql("SELECT count(*) FROM schedule_run WHERE schedule_id = ?::uuid")
                                .param(id)
                                .query(Long.class)
                                .single()))
                .isEqualTo(1);
    }

    @Test
    void badSchedulesAreRefusedWithTheFieldNamed() {
        UUID profile = world.profile(tenant, Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Bad");
        body.put("profileId", profile.toString());
        body.put("cron", "0 25 * * *");
        body.put("zone", "Europe/Nowhere");
        body.put("catchUp", "twice");
        Http.Response refused = http.postJson(base + "/schedules", admin, body);
        assertProblem(refused, 422, "cron");
        assertThat(refused.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .contains("zone", "catchUp");
        body.put("cron", "0 2 * * *");
        body.put("zone", "UTC");
        body.put("catchUp", "run_once");
        body.put("profileId", UUID.randomUUID().toString());
        assertProblem(http.postJson(base + "/schedules", admin, body), 422, "profileId");
        body.put("profileId", "not-a-uuid");
        Http.Response wrongType = http.postJson(base + "/schedules", admin, body);
        assertThat(wrongType.status()).isBetween(400, 422);
        assertThat(wrongType.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void freeTenantsCannotSchedule() {
        UUID free = fx.tenant(fx.root(), "sched-free");
        tx.write(
                TenantScope.of(free),
                () -> jdbc.sql("UPDATE tenant SET plan = 'FREE' WHERE id = ?")
                        .param(free)
                        .update());
        UUID profile = world.profile(free, Map.of());
        Http.Response refused = http.postJson(
                SchedulingWorld.base(free) + "/schedules",
                admin,
                Map.of("name", "n", "profileId", profile.toString(), "cron", "0 2 * * *", "zone", "UTC"));
        assertProblem(refused, 403, null);
        assertThat(refused.json().get("detail").asString()).contains("FREE");
    }

    @Test
    void blackoutWindowsAreValidatedCreatedListedAndDeleted() {
        Http.Response backwards = http.postJson(
                base + "/blackout-windows",
                admin,
                Map.of(
                        "name", "backwards",
                        "kind", "once",
                        "startsAt", "2027-01-02T00:00:00Z",
                        "endsAt", "2027-01-01T00:00:00Z"));
        assertProblem(backwards, 422, "endsAt");
        assertProblem(
                http.postJson(
                        base + "/blackout-windows",
                        admin,
                        Map.of("name", "w", "kind", "weekly", "zone", "Mars/Base", "startTime", "25:00")),
                422,
                "zone");
        assertProblem(
                http.postJson(
                        base + "/blackout-windows",
                        admin,
                        Map.of("name", "c", "kind", "cron", "zone", "UTC", "cron", "nope", "durationMinutes", 0)),
                422,
                "cron");
        assertProblem(
                http.postJson(base + "/blackout-windows", admin, Map.of("name", "k", "kind", "sometimes")),
                422,
                "kind");

        Http.Response weekly = http.postJson(
                base + "/blackout-windows",
                admin,
                Map.of(
                        "name", "weekend",
                        "kind", "weekly",
                        "zone", "Europe/Berlin",
                        "days", List.of("SAT", "SUN"),
                        "startTime", "22:00",
                        "endTime", "06:00",
                        "tagKey", "env",
                        "tagValue", "prod"));
        assertThat(weekly.status()).as(weekly.body()).isEqualTo(201);
        assertThat(weekly.json().get("description").asString()).contains("Sat").contains("next day");
        String id = weekly.json().get("id").asString();
        assertThat(http.get(base + "/blackout-windows", admin).json().get("items"))
                .hasSize(1);
        assertThat(http.get(base + "/blackout-windows/" + id, admin).status()).isEqualTo(200);
        assertThat(delete(base + "/blackout-windows/" + id).status()).isEqualTo(204);
        assertProblem(http.get(base + "/blackout-windows/" + id, admin), 404, null);
    }

    @Test
    void withoutCredentialsEveryCallIsRefused() {
        assertThat(http.get(base + "/schedules", null).status()).isEqualTo(401);
        assertThat(http.get(base + "/scan-profiles", null).status()).isEqualTo(401);
        assertThat(http.get(base + "/blackout-windows", null).status()).isEqualTo(401);
    }
}
