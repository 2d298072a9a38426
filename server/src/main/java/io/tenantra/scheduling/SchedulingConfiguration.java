package io.tenantra.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * db-scheduler wired as plain beans (its Spring Boot starter targets Boot 3): one scheduler per
 * process on the application's pool, polling with {@code SELECT ... FOR UPDATE SKIP LOCKED}
 * (lock-and-fetch), so processes sharing one database split due executions without taking the
 * same one twice. Its data source joins Spring transactions, so a schedule change and its task
 * change commit together. It starts once the application is ready and stops before the pool.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulingProperties.class)
class SchedulingConfiguration {

    @Bean
    ScheduleTask scheduleTask(ScheduleRunner runner) {
        return new ScheduleTask(runner);
    }

    @Bean(destroyMethod = "stop")
    Scheduler scanScheduler(DataSource dataSource, ScheduleTask task, SchedulingProperties properties) {
        return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), List.of(task.task()))
                .schedulerName(new SchedulerName.Fixed(processName()))
                .pollingInterval(properties.pollingInterval())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeats())
                .threads(properties.threads())
                .pollUsingLockAndFetch(0.5, 1.0)
                .shutdownMaxWait(Duration.ofSeconds(20))
                .build();
    }

    @Bean
    SchedulerStarter schedulerStarter(Scheduler scheduler, SchedulingProperties properties) {
        return new SchedulerStarter(scheduler, properties);
    }

    /** Starts the scheduler when the application is ready (not while the context is still refreshing). */
    static final class SchedulerStarter {

        private final Scheduler scheduler;
        private final SchedulingProperties properties;

        SchedulerStarter(Scheduler scheduler, SchedulingProperties properties) {
            this.scheduler = scheduler;
            this.properties = properties;
        }

        @EventListener(ApplicationReadyEvent.class)
        void start() {
            if (properties.enabled()) {
                scheduler.start();
            }
        }
    }

    /** Host name and process id: two processes on one host must not share a scheduler name. */
    private static String processName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
