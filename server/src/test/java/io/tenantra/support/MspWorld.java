package io.tenantra.support;

import io.tenantra.support.FleetSeeds.State;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * An MSP with customers and a stranger, for the dashboard and roll-up tests: MSP → C1, MSP → C2 →
 * C2a, and a tenant S beside the MSP that nobody of the MSP may see. Agents, scans and risks are
 * seeded so every figure differs between tenants:
 *
 * <ul>
 *   <li>MSP: 1 agent online, no scan.
 *   <li>C1: 2 online (one enrolled 30 days ago), 1 offline, 1 never seen; a scan 1 hour ago with
 *       one CRITICAL and two HIGH risks on the first agent, a failed job on the second.
 *   <li>C2: 1 offline agent on an older version; a scan 10 days ago with one MEDIUM risk.
 *   <li>C2a: no agent.
 *   <li>S: 3 online agents with 5 CRITICAL risks between them.
 * </ul>
 */
public final class MspWorld {

    public final UUID msp;
    public final UUID c1;
    public final UUID c2;
    public final UUID c2a;
    public final UUID stranger;
    public final String c1Risky;
    public final String strangerRisky;
    public final String mspAdmin;
    public final String c1Readonly;

    public MspWorld(Fixtures fx, FleetSeeds seeds) {
        msp = fx.tenant(fx.root(), "msp");
        c1 = fx.tenant(msp, "c1");
        c2 = fx.tenant(msp, "c2");
        c2a = fx.tenant(c2, "c2a");
        stranger = fx.tenant(fx.root(), "stranger");

        seeds.agent(msp, Fixtures.unique("msp-host"), State.ONLINE, "linux", "1.2.0", Duration.ofDays(40));

        c1Risky = Fixtures.unique("c1-risky");
        UUID risky = seeds.agent(c1, c1Risky, State.ONLINE, "linux", "1.2.0", Duration.ofDays(1));
        UUID failing =
                seeds.agent(c1, Fixtures.unique("c1-host"), State.ONLINE, "windows", "1.2.0", Duration.ofDays(30));
        seeds.agent(c1, Fixtures.unique("c1-off"), State.OFFLINE, "linux", "1.2.0", Duration.ofDays(20));
        seeds.agent(c1, Fixtures.unique("c1-new"), State.NEVER_SEEN, "linux", "1.2.0", Duration.ofHours(2));
        seeds.scan(c1, risky, Duration.ofHours(1), "succeeded", "packages", List.of("CRITICAL", "HIGH", "HIGH"));
        seeds.scan(c1, failing, Duration.ofHours(2), "failed", "packages", List.of());

        UUID old = seeds.agent(c2, Fixtures.unique("c2-old"), State.OFFLINE, "linux", "1.1.9", Duration.ofDays(60));
        seeds.scan(c2, old, Duration.ofDays(10), "succeeded", "packages", List.of("MEDIUM"));

        strangerRisky = Fixtures.unique("s-risky");
        UUID s1 = seeds.agent(stranger, strangerRisky, State.ONLINE, "linux", "9.0.0", Duration.ofDays(2));
        seeds.agent(stranger, Fixtures.unique("s-host"), State.ONLINE, "linux", "9.0.0", Duration.ofDays(2));
        seeds.agent(stranger, Fixtures.unique("s-host"), State.ONLINE, "linux", "9.0.0", Duration.ofDays(2));
        seeds.scan(
                stranger,
                s1,
                Duration.ofMinutes(5),
                "succeeded",
                "packages",
                List.of("CRITICAL", "CRITICAL", "CRITICAL", "CRITICAL", "CRITICAL"));

        mspAdmin = fx.user(msp, "MSP_ADMIN");
        c1Readonly = fx.user(c1, "READONLY");
    }
}
