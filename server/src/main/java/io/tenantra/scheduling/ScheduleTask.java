package io.tenantra.scheduling;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one db-scheduler task behind every schedule: instance id {@code <tenant id>/<schedule id>},
 * execution time the schedule's next due time (plus its jitter) or the end of the blackout window
 * its deferred run waits for. db-scheduler picks each execution in exactly one process (an
 * optimistic lock on the row's version); {@link ScheduleRunner} decides what the due time becomes
 * and returns when the task should run next, so the task is rescheduled rather than recreated and
 * a crashed process's execution is revived by another one.
 */
final class ScheduleTask {

    static final String NAME = "scheduled-scan";
    private static final Logger log = LoggerFactory.getLogger(ScheduleTask.class);
    private static final Duration RETRY = Duration.ofMinutes(1);

    private final CustomTask<Void> task;

    ScheduleTask(ScheduleRunner runner) {
        this.task = Tasks.custom(NAME, Void.class)
                .onFailure((complete, operations) -> {
                    // The runner records its own refusals; this is an unexpected failure (database
                    // down): try again shortly rather than lose the schedule.
                    log.warn("scheduled run {} failed; retrying in {}", complete.getExecution().taskInstance, RETRY);
                    operations.reschedule(complete, complete.getTimeDone().plus(RETRY));
                })
                .execute((instance, context) -> {
                    String[] ids = instance.getId().split("/", 2);
                    Optional<Instant> next = runner.fire(UUID.fromString(ids[0]), UUID.fromString(ids[1]));
                    if (next.isEmpty()) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return (complete, operations) -> operations.reschedule(complete, next.get());
                });
    }

    CustomTask<Void> task() {
        return task;
    }

    TaskInstance<Void> instance(UUID tenantId, UUID scheduleId) {
        return task.instance(tenantId + "/" + scheduleId);
    }

    /**
     * Makes the schedule's task run at {@code at}; inside the caller's transaction (the client's
     * data source joins it), so a rolled-back change leaves the task as it was. An execution
     * running right now re-reads the schedule when it finishes and sets its own next time.
     */
    void arm(SchedulerClient client, UUID tenantId, UUID scheduleId, Instant at) {
        TaskInstance<Void> instance = instance(tenantId, scheduleId);
        try {
            if (client.getScheduledExecution(instance).isPresent()) {
                client.reschedule(instance, at);
            } else {
                client.scheduleIfNotExists(instance, at);
            }
        } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException e) {
            log.debug("schedule {} is executing; it reschedules itself from its row", scheduleId);
        }
    }

    /** Removes the schedule's task (deleted or paused); an executing one removes itself. */
    void disarm(SchedulerClient client, UUID tenantId, UUID scheduleId) {
        TaskInstance<Void> instance = instance(tenantId, scheduleId);
        try {
            if (client.getScheduledExecution(instance).isPresent()) {
                client.cancel(instance);
            }
        } catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException e) {
            log.debug("schedule {} is executing; it removes itself once it sees its row", scheduleId);
        }
    }
}
