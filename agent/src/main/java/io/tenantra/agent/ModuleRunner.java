package io.tenantra.agent;

import io.tenantra.model.ModuleResult;

/** Runs one scanning module by name on this host. */
public interface ModuleRunner {

    /** The module's result; {@code null} when this agent has no module of that name. */
    ModuleResult run(String module) throws Exception;
}
