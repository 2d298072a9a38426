package io.tenantra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The probe additions to the wire stay compatible, and the signed form covers every field. */
class ProbeWireTest {

    static final Probe PROBE =
            new Probe("p1", ProbeKind.FILE, List.of("/etc/a"), null, null, List.of(ContentTest.regex("^x")), false, 0);

    @Test
    void oldShapesStillConstructWithEmptyProbeFields() {
        Job job = new Job(UUID.randomUUID(), UUID.randomUUID(), List.of("system"), Instant.EPOCH, 1, 60);
        assertThat(job.probes()).isEmpty();
        assertThat(job.probeSignature()).isNull();
        assertThat(new JobResult(null, null, null, null, null, null).probeResults())
                .isEmpty();
        assertThat(new HeartbeatResponse("e", 60, Instant.EPOCH).contentKey()).isNull();
    }

    @Test
    void theCanonicalFormChangesWithEveryField() {
        UUID job = UUID.randomUUID();
        UUID agent = UUID.randomUUID();
        Instant deadline = Instant.parse("2026-12-03T10:00:00.123456Z");
        byte[] base = ProbeSigning.canonical(job, agent, deadline, List.of(PROBE));
        assertThat(ProbeSigning.canonical(job, agent, deadline, List.of(PROBE))).isEqualTo(base);
        List<byte[]> variants = List.of(
                ProbeSigning.canonical(UUID.randomUUID(), agent, deadline, List.of(PROBE)),
                ProbeSigning.canonical(job, UUID.randomUUID(), deadline, List.of(PROBE)),
                ProbeSigning.canonical(job, agent, deadline.plusNanos(1000), List.of(PROBE)),
                ProbeSigning.canonical(job, agent, deadline, List.of()),
                ProbeSigning.canonical(
                        job,
                        agent,
                        deadline,
                        List.of(new Probe("p1", ProbeKind.FILE, List.of("/etc/a"), "", null, PROBE.tests(), false, 0))),
                ProbeSigning.canonical(
                        job,
                        agent,
                        deadline,
                        List.of(new Probe(
                                "p1", ProbeKind.FILE, List.of("/etc/a"), null, null, PROBE.tests(), true, 0))),
                ProbeSigning.canonical(
                        job,
                        agent,
                        deadline,
                        List.of(new Probe(
                                "p1",
                                ProbeKind.FILE,
                                List.of("/etc/a"),
                                null,
                                null,
                                List.of(new ContentTest(true, ContentTestKind.REGEX, "^x", null, null)),
                                false,
                                0))),
                // Moving text between fields must not give the same bytes.
                ProbeSigning.canonical(
                        job,
                        agent,
                        deadline,
                        List.of(new Probe(
                                "p1", ProbeKind.FILE, List.of("/etc/", "a"), null, null, PROBE.tests(), false, 0))));
        assertThat(variants).allSatisfy(variant -> assertThat(variant).isNotEqualTo(base));
    }
}
