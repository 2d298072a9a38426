package io.tenantra.agents;

import io.tenantra.model.Probe;
import io.tenantra.platform.context.CallContext;
import java.util.List;
import java.util.UUID;

/**
 * Supplies the probes an agent should answer with its next job. Implemented by the module that
 * owns the checks (compliance), so the agents module hands out and stores probes without knowing
 * why they are asked. When a job is handed to an agent, every {@code ProbeSource} bean is asked;
 * their probes are merged (deduplicated by id, capped at {@link ProbeDispatch#MAX_PROBES}),
 * signed with the content key and attached to the job.
 *
 * <p>Called outside any transaction of the agents module, once per poll that hands out jobs.
 * An exception is logged and the jobs go out without probes: checks then judge from the answers
 * already stored instead of blocking scans.
 */
public interface ProbeSource {

    /**
     * The probes for one agent now (may be empty, never null).
     *
     * @param call the agent's call, acting on {@code tenantId}
     */
    List<Probe> probesFor(CallContext call, UUID tenantId, UUID agentId);
}
