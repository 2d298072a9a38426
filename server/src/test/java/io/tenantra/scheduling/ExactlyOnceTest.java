package io.tenantra.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Two db-scheduler instances (as two server processes would run) on one database, with the same
 * task: every due schedule gets exactly one run and one scan, whichever instance picks it, and
 * each task is rescheduled to the schedule's next due time.
 */
@ServerTest
class ExactlyOnceTest {

    static final int SCHEDULES = 40;

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    @Autowired
    DataSource dataSource;

    @Autowired
    ScheduleTask task;

    @Test
    void everyDueRunStartsExactlyOnceAcrossTwoSchedulers() {
        Http http = new Http(port);
        String admin = http.loginAdmin();
        SchedulingWorld world = new SchedulingWorld(http, admin, jdbc, tx);
        UUID tenant = fx.tenant(fx.root(), "once");
        world.agent(tenant, Map.of());
        UUID profile = world.profile(tenant, Map.of());
        List<UUID> schedules = new ArrayList<>();
        Instant due = Instant.now().minusSeconds(2);
        for (int i = 0; i < SCHEDULES; i++) {
            // Due once a year, so no second due time can come while the test runs.
            UUID schedule = world.schedule(tenant, profile, "0 0 1 1 *", "UTC", Map.of());
            world.due(tenant, schedule, due);
            schedules.add(schedule);
        }
        // Every task was armed at creation for next 1 January; make them all due now, at once.
        jdbc.sql("UPDATE scheduled_tasks SET execution_time = ? WHERE task_name = ? AND task_instance LIKE ?")
                .params(java.sql.Timestamp.from(due), ScheduleTask.NAME, tenant + "/%")
                .update();

        Scheduler first = scheduler("test-node-1");
        Scheduler second = scheduler("test-node-2");
        first.start();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> runs(tenant) >= SCHEDULES);
            // Give a duplicate every chance to appear before counting.
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        } finally {
            first.stop();
            second.stop();
        }

        assertThat(runs(tenant)).isEqualTo(SCHEDULES);
        for (UUID schedule : schedules) {
            List<Map<String, Object>> runs = world.runs(tenant, schedule);
            assertThat(runs)
                    .as("runs of %s", schedule)
                    .singleElement()
                    .satisfies(run ->
                            assertThat(run).containsEntry("outcome", "started").containsEntry("trigger", "cron"));
            assertThat(world.scansOf(tenant, (UUID) runs.get(0).get("id"))).hasSize(1);
        }
        List<Instant> rescheduled = jdbc.sql(
                        "SELECT execution_time FROM scheduled_tasks WHERE task_name = ? AND task_instance LIKE ?")
                .params(ScheduleTask.NAME, tenant + "/%")
                .query((rs, i) -> rs.getTimestamp(1).toInstant())
                .list();
        assertThat(rescheduled)
                .hasSize(SCHEDULES)
                .allSatisfy(at -> assertThat(at).isAfter(Instant.now()));
    }

    private long runs(UUID tenant) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT count(*) FROM schedule_run WHERE tenant_id = ?")
                        .param(tenant)
                        .query(Long.class)
                        .single());
    }

    private Scheduler scheduler(String name) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(task.task()))
                .schedulerName(new SchedulerName.Fixed(name))
                .pollingInterval(Duration.ofMillis(200))
                .threads(4)
                .pollUsingLockAndFetch(0.5, 1.0)
                .build();
    }
}
