package io.tenantra.agents;

import io.tenantra.model.Job;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeSigning;
import io.tenantra.platform.context.CallContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts the probes of every {@link ProbeSource} into the jobs handed to an agent, signed with the
 * content key over each job's canonical form ({@link ProbeSigning#canonical}): job id, agent id,
 * deadline and probes. Without a source, or when the sources have nothing for the agent, jobs go
 * out exactly as before.
 */
@Component
class ProbeDispatch {

    /** The most probes one job carries; the rest wait for a later job (and are logged). */
    static final int MAX_PROBES = 2000;

    private static final Logger log = LoggerFactory.getLogger(ProbeDispatch.class);

    private final ObjectProvider<ProbeSource> sources;
    private final ContentSigningKey key;

    ProbeDispatch(ObjectProvider<ProbeSource> sources, ContentSigningKey key) {
        this.sources = sources;
        this.key = key;
    }

    /** {@code jobs}, each carrying the agent's probes and their signature. */
    List<Job> attach(CallContext call, UUID agentId, List<Job> jobs) {
        if (jobs.isEmpty()) {
            return jobs;
        }
        List<Probe> probes = collect(call, agentId);
        if (probes.isEmpty()) {
            return jobs;
        }
        List<Job> signed = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            String signature = key.sign(ProbeSigning.canonical(job.id(), agentId, job.deadline(), probes));
            signed.add(job.withProbes(probes, signature, key.keyId()));
        }
        return signed;
    }

    private List<Probe> collect(CallContext call, UUID agentId) {
        Map<String, Probe> byId = new LinkedHashMap<>();
        int offered = 0;
        for (ProbeSource source : sources.orderedStream().toList()) {
            List<Probe> probes;
            try {
                probes = source.probesFor(call, call.tenantId(), agentId);
            } catch (RuntimeException e) {
                log.warn(
                        "Probe source {} failed for agent {}; its probes are left out of this job: {}",
                        source.getClass().getSimpleName(),
                        agentId,
                        e.toString());
                continue;
            }
            for (Probe probe : probes == null ? List.<Probe>of() : probes) {
                offered++;
                if (byId.size() < MAX_PROBES) {
                    byId.putIfAbsent(probe.id(), probe);
                }
            }
        }
        if (offered > byId.size() && byId.size() == MAX_PROBES) {
            log.warn(
                    "Agent {} was offered more probes than one job carries ({}); the first {} go out",
                    agentId,
                    offered,
                    MAX_PROBES);
        }
        return List.copyOf(byId.values());
    }
}
