package io.tenantra.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tenantra.agents.ScanFinished;
import io.tenantra.agents.ScanJobResultStored;
import io.tenantra.agents.ScanView;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.MovableClockServerTest;
import io.tenantra.support.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a schedule's due time becomes, with the clock under the test's control: on time, caught up
 * once or skipped after downtime, deferred or skipped by a blackout window, agents in a tag window
 * left out, the concurrency cap, completion with counts and the owner's notice, and the days
 * Europe/Berlin changes its clocks.
 */
@MovableClockServerTest
class ScheduleRunnerTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    @Autowired
    ScheduleRunner runner;

    @Autowired
    RunOutcomes outcomes;

    @Autowired
    ScheduleRepository scheduleRows;

    @Autowired
    ScanProfileRepository profileRows;

    @Autowired
    RunRepository runRows;

    @Autowired
    RunStarter starter;

    @Autowired
    Blackouts blackouts;

    @Autowired
    AuditEvents audit;

    @Autowired
    SchedulingProperties properties;

    Http http;
    String admin;
    SchedulingWorld world;
    UUID tenant;

    @BeforeEach
    void world() {
        // This server keeps the production login limits and its clock only moves when a test says
        // so: step past the rate-limit window (other classes share the server) before logging in.
        clock.advance(Duration.ofMinutes(2));
        http = new Http(port);
        admin = http.loginAdmin();
        world = new SchedulingWorld(http, admin, jdbc, tx);
        tenant = fx.tenant(fx.root(), "sched");
    }

    private Instant now() {
        return clock.instant();
    }

    @Test
    void aDueRunStartsOneScanOfTheProfilesAgentsAndTheScheduleMovesOn() {
        UUID a = world.agent(tenant, Map.of());
        UUID b = world.agent(tenant, Map.of());
        UUID schedule = world.schedule(tenant, world.profile(tenant, Map.of()), "0 3 * * *", "UTC", Map.of());
        world.due(tenant, schedule, now());

        Optional<Instant> next = runner.fire(tenant, schedule);
        Optional<Instant> again = runner.fire(tenant, schedule);

        List<Map<String, Object>> runs = world.runs(tenant, schedule);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("outcome", "started").containsEntry("trigger", "cron");
        UUID run = (UUID) runs.get(0).get("id");
        assertThat(world.scannedAgents(tenant, run)).containsExactlyInAnyOrder(a, b);
        Instant tomorrowAtThree = now().atZone(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.DAYS)
                .plusHours(3)
                .toInstant();
        if (!tomorrowAtThree.isAfter(now())) {
            tomorrowAtThree = tomorrowAtThree.plus(Duration.ofDays(1));
        }
        assertThat(next).contains(tomorrowAtThree);
        assertThat(again).contains(tomorrowAtThree);
    }

    @Test
    void runsMissedWhileNoServerRanAreCaughtUpOnceNotOncePerMissedTime() {
        world.agent(tenant, Map.of());
        UUID schedule = world.schedule(tenant, world.profile(tenant, Map.of()), "0 * * * *", "UTC", Map.of());
        Instant due = now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        world.due(tenant, schedule, due);

        runner.fire(tenant, schedule);

        List<Map<String, Object>> runs = world.runs(tenant, schedule);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("outcome", "started").containsEntry("trigger", "catch_up");
        assertThat(((java.sql.Timestamp) runs.get(0).get("due_at")).toInstant())
                .isEqualTo(now().truncatedTo(ChronoUnit.HOURS));
        assertThat((String) runs.get(0).get("reason")).contains("6 due time(s)").contains("no server ran");
        assertThat(world.scansOf(tenant, (UUID) runs.get(0).get("id"))).hasSize(1);
    }

    @Test
    void withTheSkipPolicyMissedRunsLeaveOneSkippedRunAndNoScan() {
        world.agent(tenant, Map.of());
        UUID schedule = world.schedule(
                tenant, world.profile(tenant, Map.of()), "*/10 * * * *", "UTC", Map.of("catchUp", "skip"));
        world.due(tenant, schedule, now().minus(Duration.ofHours(2)));

        runner.fire(tenant, schedule);

        List<Map<String, Object>> runs = world.runs(tenant, schedule);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("outcome", "skipped").containsEntry("trigger", "catch_up");
        assertThat((String) runs.get(0).get("reason")).contains("catch-up policy is skip");
        assertThat(world.scansOf(tenant, (UUID) runs.get(0).get("id"))).isEmpty();
    }

    @Test
    void aRunDueInATenantBlackoutIsDeferredToItsEndAndStartsThenOnce() {
        UUID agent = world.agent(tenant, Map.of());
        UUID schedule = world.schedule(tenant, world.profile(tenant, Map.of()), "* * * * *", "UTC", Map.of());
        Instant end = now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        world.window(
                tenant,
                Map.of(
                        "kind",
                        "once",
                        "startsAt",
                        now().minus(Duration.ofMinutes(10)).toString(),
                        "endsAt",
                        end.toString()));
        world.due(tenant, schedule, now());

        assertThat(runner.fire(tenant, schedule)).contains(end);
        assertThat(runner.fire(tenant, schedule)).contains(end);
        List<Map<String, Object>> deferred = world.runs(tenant, schedule);
        assertThat(deferred).hasSize(1);
        assertThat(deferred.get(0)).containsEntry("outcome", "deferred");
        assertThat((String) deferred.get(0).get("reason"))
                .contains("blackout window")
                .contains("deferred");

        clock.advance(Duration.between(now(), end).plusSeconds(1));
        Optional<Instant> next = runner.fire(tenant, schedule);

        List<Map<String, Object>> runs = world.runs(tenant, schedule);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("outcome", "started");
        assertThat(world.scannedAgents(tenant, (UUID) runs.get(0).get("id"))).containsExactly(agent);
        // Due times inside the window were folded into the deferred run: the next one is after now.
        assertThat(next).hasValueSatisfying(at -> assertThat(at).isAfter(now()));
    }

    @Test
    void withTheSkipPolicyARunDueInABlackoutIsSkippedWithTheWindowNamed() {
        world.agent(tenant, Map.of());
        UUID schedule =
                world.schedule(tenant, world.profile(tenant, Map.of()), "* * * * *", "UTC", Map.of("blackout", "skip"));
        world.window(
                tenant,
                Map.of(
                        "name",
                        "patch-night",
                        "kind",
                        "cron",
                        "zone",
                        "UTC",
                        "cron",
                        "* * * * *",
                        "durationMinutes",
                        5));
        world.due(tenant, schedule, now());

        runner.fire(tenant, schedule);

        List<Map<String, Object>> runs = world.runs(tenant, schedule);
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run).containsEntry("outcome", "skipped");
            assertThat((String) run.get("reason")).contains("patch-night").contains("blackout policy is skip");
        });
    }

    @Test
    void agentsInATagWindowAreLeftOutOfScheduledAndManualScansUnlessOverridden() {
        UUID prod = world.agent(tenant, Map.of("env", "prod"));
        UUID dev = world.agent(tenant, Map.of("env", "dev"));
        world.window(
                tenant,
                Map.of(
                        "kind", "weekly",
                        "zone", "UTC",
                        "days", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"),
                        "startTime", "00:00",
                        "endTime", "23:59",
                        "tagKey", "env",
                        "tagValue", "prod"));
        // 23:59-00:00 is outside the window: keep the test away from that minute.
        if (now().atZone(ZoneOffset.UTC).getHour() == 23
                && now().atZone(ZoneOffset.UTC).getMinute() == 59) {
            clock.advance(Duration.ofMinutes(2));
        }
        UUID schedule = world.schedule(tenant, world.profile(tenant, Map.of()), "0 3 * * *", "UTC", Map.of());
        world.due(tenant, schedule, now());

        runner.fire(tenant, schedule);

        UUID run = (UUID) world.runs(tenant, schedule).get(0).get("id");
        assertThat(world.scannedAgents(tenant, run)).containsExactly(dev);

        Http.Response manual =
                http.postJson(SchedulingWorld.base(tenant) + "/scans", admin, Map.of("selector", Map.of("all", true)));
        assertThat(manual.status()).as(manual.body()).isEqualTo(201);
        assertThat(manual.json().get("progress").get("total").asInt()).isEqualTo(1);
        Http.Response overridden = http.postJson(
                SchedulingWorld.base(tenant) + "/scans",
                admin,
                Map.of("selector", Map.of("all", true), "overrideBlackout", true));
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(201);
        assertThat(overridden.json().get("progress").get("total").asInt()).isEqualTo(2);
        Http.Response events =
                http.get(SchedulingWorld.base(tenant) + "/audit-events?action=scan.blackout.override", admin);
        assertThat(events.body()).contains("scan.blackout.override").contains("blackoutWindows");
        Http.Response onlyProd = http.postJson(
                SchedulingWorld.base(tenant) + "/scans", admin, Map.of("selector", Map.of("agentIds", List.of(prod))));
        assertThat(onlyProd.status()).isEqualTo(422);
        assertThat(onlyProd.body()).contains("blackout");
    }

    @Test
    void aConcurrencyCapKeepsAtMostNAgentsScanningAndTheRunCompletesWithCountsAndANotice() throws Exception {
        List<UUID> agents = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            agents.add(world.agent(tenant, Map.of()));
        }
        UUID schedule =
                world.schedule(tenant, world.profile(tenant, Map.of("concurrency", 2)), "0 3 * * *", "UTC", Map.of());
        world.due(tenant, schedule, now());

        Optional<Instant> fired = runner.fire(tenant, schedule);
        assertThat(world.runs(tenant, schedule))
                .as("fired: %s at %s", fired, now())
                .hasSize(1);
        UUID run = (UUID) world.runs(tenant, schedule).get(0).get("id");
        assertThat(world.scannedAgents(tenant, run)).hasSize(2);
        assertThat(inFlight(run)).isEqualTo(2);

        // One agent's result is stored (delivered twice, as a redelivery would): one slot frees,
        // one more agent goes out. Listeners run asynchronously, as after a real commit.
        UUID firstScan = world.scansOf(tenant, run).get(0);
        UUID finishedAgent = world.scannedAgents(tenant, run).get(0);
        outcomes.on(new ScanJobResultStored(
                tenant, firstScan, UUID.randomUUID(), finishedAgent, "succeeded", List.of("system"), now()));
        outcomes.on(new ScanJobResultStored(
                tenant, firstScan, UUID.randomUUID(), finishedAgent, "succeeded", List.of("system"), now()));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(world.scannedAgents(tenant, run)).hasSize(3));
        Thread.sleep(300);
        assertThat(world.scannedAgents(tenant, run)).hasSize(3);
        assertThat(inFlight(run)).isEqualTo(2);

        // Scans end one after the other until every agent was scanned; never more than two at once.
        java.util.Set<UUID> ended = new java.util.HashSet<>();
        for (int round = 0;
                round < 10 && ended.size() < world.scansOf(tenant, run).size();
                round++) {
            for (UUID scan : world.scansOf(tenant, run)) {
                if (!ended.add(scan)) {
                    continue;
                }
                int total = jobs(scan);
                outcomes.on(new ScanFinished(
                        tenant, scan, "completed", new ScanView.Progress(total, 0, 0, 0, total, 0, 0, 0, 100), now()));
                await().atMost(Duration.ofSeconds(20)).until(() -> finished(run) == ended.size());
                assertThat(inFlight(run)).isLessThanOrEqualTo(2);
            }
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(world.runs(tenant, schedule).get(0)).containsEntry("outcome", "completed"));

        assertThat(world.scannedAgents(tenant, run)).containsExactlyInAnyOrderElementsOf(agents);
        Map<String, Object> done = world.runs(tenant, schedule).get(0);
        assertThat(done).containsEntry("outcome", "completed");
        assertThat((String) done.get("counts")).contains("\"total\": 5").contains("\"succeeded\": 5");
        long notices = tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql(
                                "SELECT count(*) FROM console_notification WHERE subject_id = ? AND link LIKE '/scans/%'")
                        .param(run)
                        .query(Long.class)
                        .single());
        assertThat(notices).isEqualTo(1);
    }

    @Test
    void aDailyRunAcrossBothClockChangesInBerlinRunsOncePerDay() {
        world.agent(tenant, Map.of());
        UUID schedule =
                world.schedule(tenant, world.profile(tenant, Map.of()), "30 2 * * *", "Europe/Berlin", Map.of());
        for (String first : List.of("2026-03-27T01:30:00Z", "2026-10-23T00:30:00Z")) {
            world.due(tenant, schedule, Instant.parse(first));
            Instant at = Instant.parse(first);
            for (int day = 0; day < 4; day++) {
                // A runner whose clock stands exactly at the due time, as the scheduler would wake it.
                Optional<Instant> next = runnerAt(at).fire(tenant, schedule);
                at = next.orElseThrow();
            }
        }
        List<Instant> due = world.runs(tenant, schedule).stream()
                .map(r -> ((java.sql.Timestamp) r.get("due_at")).toInstant())
                .sorted()
                .toList();
        assertThat(due)
                .containsExactly(
                        Instant.parse("2026-03-27T01:30:00Z"),
                        Instant.parse("2026-03-28T01:30:00Z"),
                        Instant.parse("2026-03-29T01:30:00Z"), // 02:30 does not exist: 03:30 CEST
                        Instant.parse("2026-03-30T00:30:00Z"),
                        Instant.parse("2026-10-23T00:30:00Z"),
                        Instant.parse("2026-10-24T00:30:00Z"),
                        Instant.parse("2026-10-25T00:30:00Z"), // 02:30 CEST, the first of two
                        Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(world.runs(tenant, schedule)).allSatisfy(r -> assertThat(r).containsEntry("trigger", "cron"));
    }

    private ScheduleRunner runnerAt(Instant at) {
        return new ScheduleRunner(
                scheduleRows,
                profileRows,
                runRows,
                starter,
                blackouts,
                tx,
                audit,
                properties,
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private long inFlight(UUID run) {
        return tx.read(TenantScope.of(tenant), () -> runRows.agentsIn(tenant, run, "dispatched"));
    }

    private long finished(UUID run) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT count(*) FROM schedule_run_scan WHERE run_id = ? AND finished_at IS NOT NULL")
                        .param(run)
                        .query(Long.class)
                        .single());
    }

    private int jobs(UUID scan) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT count(*) FROM agent_job WHERE scan_id = ?")
                        .param(scan)
                        .query(Integer.class)
                        .single());
    }
}
