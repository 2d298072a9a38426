/**
 * Scanning modules: the {@link io.tenantra.agent.modules.ScanModule} contract, the
 * {@link io.tenantra.agent.modules.ModuleRunner} that enforces time, size and priority limits,
 * the rooted file view and command runner collectors read the host through, and one sub-package
 * per module. Results use the wire contract of {@code io.tenantra.model}.
 */
package io.tenantra.agent.modules;
