package io.tenantra.agent;

import io.tenantra.agent.probes.ProbeRunner;
import io.tenantra.agent.probes.ProbeVerifier;
import io.tenantra.model.Job;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Answers the probes of one job: runs them when their signature verifies against the pinned
 * content key, otherwise answers every one REFUSED with the reason. No probe ever runs from
 * unsigned content in the daemon.
 */
final class JobProbes {

    private final ContentKeyPin pin;
    private final UUID agentId;
    private final ProbeRunner runner;
    private final Clock clock;

    JobProbes(ContentKeyPin pin, UUID agentId, ProbeRunner runner, Clock clock) {
        this.pin = pin;
        this.agentId = agentId;
        this.runner = runner;
        this.clock = clock;
    }

    boolean needsKey(Job job) {
        return !job.probes().isEmpty() && pin.pinned().isEmpty();
    }

    List<ProbeResult> answer(Job job, Consumer<String> log) {
        if (job.probes().isEmpty()) {
            return List.of();
        }
        var refusal = ProbeVerifier.refusal(job, agentId, pin.pinned(), clock.instant());
        if (refusal.isPresent()) {
            log.accept("probes refused (" + job.probes().size() + "): " + refusal.get());
            return ProbeRunner.refuseAll(job.probes(), refusal.get());
        }
        log.accept("probes started (" + job.probes().size() + ")");
        List<ProbeResult> answers = runner.run(job.probes());
        Map<ProbeOutcome, Long> counts =
                answers.stream().collect(Collectors.groupingBy(ProbeResult::outcome, Collectors.counting()));
        log.accept("probes finished: " + counts);
        return answers;
    }
}
