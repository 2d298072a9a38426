package io.tenantra.agent.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.model.Job;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeKind;
import io.tenantra.model.ProbeSigning;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Only probes signed by the pinned key, for this job, agent and deadline, may run. */
class ProbeVerifierTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    final UUID agentId = UUID.randomUUID();
    final KeyPair server = generate();
    final PinnedKey pinned = pin(server);
    final Probe probe = new Probe("p1", ProbeKind.COMMAND, List.of("id -u"), null, null, List.of(), false, 5);
    final Job unsigned = new Job(UUID.randomUUID(), UUID.randomUUID(), List.of("system"), NOW.plusSeconds(600), 1, 60);

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PinnedKey pin(KeyPair pair) {
        String spki = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        return PinnedKey.of(ProbeSigning.keyId(pair.getPublic().getEncoded()), spki);
    }

    static String sign(KeyPair pair, Job job, UUID agentId, List<Probe> probes) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(ProbeSigning.canonical(job.id(), agentId, job.deadline(), probes));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Job signed(KeyPair pair, UUID forAgent) {
        return unsigned.withProbes(
                List.of(probe),
                sign(pair, unsigned, forAgent, List.of(probe)),
                pin(pair).keyId());
    }

    @Test
    void aGoodSignatureByThePinnedKeyLetsTheProbesRun() {
        assertThat(ProbeVerifier.refusal(signed(server, agentId), agentId, Optional.of(pinned), NOW))
                .isEmpty();
    }

    @Test
    void aTamperedProbeIsRefused() {
        Job good = signed(server, agentId);
        Probe shell = new Probe("p1", ProbeKind.COMMAND, List.of("id -u"), null, null, List.of(), true, 5);
        Job tampered = good.withProbes(List.of(shell), good.probeSignature(), good.probeKeyId());
        assertThat(ProbeVerifier.refusal(tampered, agentId, Optional.of(pinned), NOW))
                .contains("the probe signature does not verify");
    }

    @Test
    void probesSignedForAnotherAgentOrJobAreRefused() {
        assertThat(ProbeVerifier.refusal(signed(server, UUID.randomUUID()), agentId, Optional.of(pinned), NOW))
                .contains("the probe signature does not verify");
        Job good = signed(server, agentId);
        Job moved = new Job(UUID.randomUUID(), good.scanId(), good.modules(), good.deadline(), 1, 60)
                .withProbes(good.probes(), good.probeSignature(), good.probeKeyId());
        assertThat(ProbeVerifier.refusal(moved, agentId, Optional.of(pinned), NOW))
                .contains("the probe signature does not verify");
    }

    @Test
    void aKeyOtherThanThePinnedOneIsRefusedEvenWhenItSignedCorrectly() {
        KeyPair attacker = generate();
        assertThat(ProbeVerifier.refusal(signed(attacker, agentId), agentId, Optional.of(pinned), NOW))
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("but this agent trusts key " + pinned.keyId()));
        // The attacker claims the pinned key's id: the signature still does not verify.
        Job claimed = signed(attacker, agentId)
                .withProbes(List.of(probe), sign(attacker, unsigned, agentId, List.of(probe)), pinned.keyId());
        assertThat(ProbeVerifier.refusal(claimed, agentId, Optional.of(pinned), NOW))
                .contains("the probe signature does not verify");
    }

    @Test
    void missingSignatureMissingKeyOrExpiredProbesAreRefused() {
        Job noSignature = unsigned.withProbes(List.of(probe), null, null);
        assertThat(ProbeVerifier.refusal(noSignature, agentId, Optional.of(pinned), NOW))
                .contains("the probes are not signed");
        Job garbage = unsigned.withProbes(List.of(probe), "not base64!", pinned.keyId());
        assertThat(ProbeVerifier.refusal(garbage, agentId, Optional.of(pinned), NOW))
                .contains("the probe signature does not verify");
        assertThat(ProbeVerifier.refusal(signed(server, agentId), agentId, Optional.empty(), NOW))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no content key"));
        assertThat(ProbeVerifier.refusal(signed(server, agentId), agentId, Optional.of(pinned), NOW.plusSeconds(601)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("expired"));
    }

    @Test
    void aKeyIdThatIsNotTheKeysOwnIsRejectedWhenPinning() {
        String spki = Base64.getEncoder().encodeToString(server.getPublic().getEncoded());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PinnedKey.of("0011223344556677", spki))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusedProbesAreAllAnsweredWithTheReason() {
        var answers = ProbeRunner.refuseAll(List.of(probe, probe), "the probes are not signed");
        assertThat(answers).hasSize(2).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(io.tenantra.model.ProbeOutcome.REFUSED);
            assertThat(a.message()).isEqualTo("the probes are not signed");
        });
    }
}
