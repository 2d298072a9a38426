package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.model.ContentTest;
import io.tenantra.model.Job;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeKind;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeSigning;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Probes through the agent protocol with a test {@link ProbeSource}: jobs carry them signed by the
 * content key the agent learned at enrollment and heartbeat; answers are validated, stored once
 * as the agent's latest, readable through {@link ProbeAnswers}, and invisible to other tenants.
 */
@ServerTest
class ProbeFlowTest {

    static final Probe SSH_ROOT = new Probe(
            "p000000000000000000000001",
            ProbeKind.FILE,
            List.of("/etc/ssh/sshd_config"),
            null,
            null,
            List.of(ContentTest.regex("^PermitRootLogin\\s+no")),
            false,
            0);
    static final Probe UNAME = new Probe(
            "p000000000000000000000002", ProbeKind.COMMAND, List.of("uname -s"), null, null, List.of(), false, 5);

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    TestProbeSource source;

    @Autowired
    ProbeAnswers answers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    Http http;
    AgentWorld world;
    TestAgent agent;
    String contentKey;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        world = new AgentWorld(http, fx).withoutCompliancePolicies();
        Http.Response enrolled = new TestAgent(http)
                .enrollRaw(world.token(null, null, Map.of()), Fixtures.unique("host"), "linux", Map.of());
        assertThat(enrolled.status()).isEqualTo(201);
        contentKey = enrolled.json().get("contentKey").asString();
        agent = world.agent();
        source.offer(agent.id, List.of(SSH_ROOT, UNAME, SSH_ROOT));
    }

    private Job pollOneJob() {
        http.postJson(
                world.base() + "/scans",
                world.adminToken,
                Map.of("modules", List.of("system"), "selector", Map.of("agentIds", List.of(agent.id.toString()))));
        Http.Response polled = agent.poll(0);
        assertThat(polled.status()).as(polled.body()).isEqualTo(200);
        return TestAgent.JSON.readValue(polled.json().get("jobs").get(0).toString(), Job.class);
    }

    private static byte[] resultWithProbes(UUID jobId, List<Map<String, Object>> probeResults) {
        Map<String, Object> body = new LinkedHashMap<>(
                TestAgent.JSON.readValue(TestAgent.result(jobId, List.of("system"), "ok", 1), Map.class));
        body.put("probeResults", probeResults);
        return TestAgent.json(body);
    }

    private static Map<String, Object> answer(String id, String outcome, String evidence) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("outcome", outcome);
        a.put("evidence", evidence);
        a.put("message", null);
        return a;
    }

    @Test
    void jobsCarryTheSourcesProbesSignedWithTheKeyAgentsLearnAtEnrollmentAndHeartbeat() {
        JsonNode beat = agent.heartbeat().json();
        assertThat(beat.get("contentKey").asString()).isEqualTo(contentKey);
        String keyId = beat.get("contentKeyId").asString();
        assertThat(keyId)
                .isEqualTo(ProbeSigning.keyId(java.util.Base64.getDecoder().decode(contentKey)));

        Job job = pollOneJob();
        assertThat(job.probes()).extracting(Probe::id).containsExactly(SSH_ROOT.id(), UNAME.id());
        assertThat(job.probeKeyId()).isEqualTo(keyId);
        var key = ProbeSigning.publicKey(contentKey);
        assertThat(ProbeSigning.verify(key, job.probeSignature(), job, agent.id))
                .isTrue();
        assertThat(ProbeSigning.verify(key, job.probeSignature(), job, UUID.randomUUID()))
                .as("the signature binds the agent")
                .isFalse();
        Probe swapped = new Probe(UNAME.id(), ProbeKind.COMMAND, List.of("rm -rf /"), null, null, List.of(), true, 5);
        Job tampered = job.withProbes(List.of(SSH_ROOT, swapped), job.probeSignature(), keyId);
        assertThat(ProbeSigning.verify(key, tampered.probeSignature(), tampered, agent.id))
                .isFalse();
        assertThat(source.calledForTenant(agent.id)).isEqualTo(world.tenantId);
    }

    @Test
    void answersAreStoredOnceAsTheAgentsLatestAndReadableThroughTheFacade() {
        Job job = pollOneJob();
        byte[] upload = resultWithProbes(
                job.id(),
                List.of(
                        answer(SSH_ROOT.id(), "FOUND", "/etc/ssh/sshd_config: PermitRootLogin no"),
                        answer(UNAME.id(), "REFUSED", null)));
        Http.Response first = agent.upload(job.id(), upload, true);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        Http.Response replay = agent.upload(job.id(), upload, true);
        assertThat(replay.json().get("duplicate").asBoolean()).isTrue();

        Map<String, StoredProbeAnswer> latest =
                answers.latest(TenantScope.of(agent.tenantId), agent.tenantId, agent.id);
        assertThat(latest).containsOnlyKeys(SSH_ROOT.id(), UNAME.id());
        StoredProbeAnswer ssh = latest.get(SSH_ROOT.id());
        assertThat(ssh.outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(ssh.evidence()).isEqualTo("/etc/ssh/sshd_config: PermitRootLogin no");
        assertThat(ssh.jobId()).isEqualTo(job.id());
        assertThat(ssh.result().outcome()).isEqualTo(ProbeOutcome.FOUND);
        assertThat(latest.get(UNAME.id()).outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(countRows()).as("the replay stored nothing twice").isEqualTo(2);

        // A later job's answer replaces the earlier one; a probe it did not answer keeps its answer.
        Job next = pollOneJob();
        assertThat(agent.upload(
                                next.id(),
                                resultWithProbes(next.id(), List.of(answer(SSH_ROOT.id(), "NOT_FOUND", null))),
                                false)
                        .status())
                .isEqualTo(200);
        Map<UUID, Map<String, StoredProbeAnswer>> bulk =
                answers.latest(TenantScope.of(agent.tenantId), agent.tenantId, List.of(agent.id, UUID.randomUUID()));
        assertThat(bulk).containsOnlyKeys(agent.id);
        assertThat(bulk.get(agent.id).get(SSH_ROOT.id()).outcome()).isEqualTo(ProbeOutcome.NOT_FOUND);
        assertThat(bulk.get(agent.id).get(SSH_ROOT.id()).jobId()).isEqualTo(next.id());
        assertThat(bulk.get(agent.id).get(UNAME.id()).jobId()).isEqualTo(job.id());
    }

    @Test
    void anotherTenantSeesNoAnswers() {
        Job job = pollOneJob();
        agent.upload(job.id(), resultWithProbes(job.id(), List.of(answer(SSH_ROOT.id(), "FOUND", "x"))), false);
        UUID other = fx.tenant(fx.root(), "probe-other");
        assertThat(answers.latest(TenantScope.of(other), other, agent.id)).isEmpty();
        assertThat(answers.latest(TenantScope.of(other), agent.tenantId, agent.id))
                .as("a tenant outside the scope reads nothing")
                .isEmpty();
        assertThat(answers.latest(TenantScope.of(agent.tenantId), agent.tenantId, agent.id))
                .containsKey(SSH_ROOT.id());
    }

    @Test
    void badAnswersAre422AndStoreNothing() {
        Job job = pollOneJob();
        List<List<Map<String, Object>>> bad = new ArrayList<>();
        bad.add(List.of(answer("bad id with spaces", "FOUND", null)));
        bad.add(List.of(answer(SSH_ROOT.id(), "FOUND", null), answer(SSH_ROOT.id(), "NOT_FOUND", null)));
        bad.add(List.of(answer(SSH_ROOT.id(), "FOUND", "x".repeat(4097))));
        bad.add(List.of(answer(SSH_ROOT.id(), "MAYBE", null)));
        bad.add(List.of(answer(SSH_ROOT.id(), "FOUND", "nul\u0000here")));
        bad.add(IntStream.range(0, 5001)
                .mapToObj(i -> answer("p" + i, "FOUND", null))
                .toList());
        for (List<Map<String, Object>> answersOfOne : bad) {
            Http.Response refused = agent.upload(job.id(), resultWithProbes(job.id(), answersOfOne), true);
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        }
        assertThat(countRows()).isZero();
        Http.Response good =
                agent.upload(job.id(), resultWithProbes(job.id(), List.of(answer(SSH_ROOT.id(), "FOUND", "ok"))), true);
        assertThat(good.status()).as("the job stayed open for a good upload").isEqualTo(200);
        assertThat(countRows()).isEqualTo(1);
    }

    @Test
    void anAgentCannotAnswerAnotherAgentsJob() {
        Job job = pollOneJob();
        TestAgent intruder = world.agent();
        Http.Response refused = intruder.upload(
                job.id(), resultWithProbes(job.id(), List.of(answer(SSH_ROOT.id(), "FOUND", "forged"))), false);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(countRows()).isZero();
    }

    @Test
    void agentsWithoutProbesGetJobsAsBefore() {
        TestAgent plain = world.agent();
        http.postJson(
                world.base() + "/scans",
                world.adminToken,
                Map.of("modules", List.of("system"), "selector", Map.of("agentIds", List.of(plain.id.toString()))));
        JsonNode job = plain.poll(0).json().get("jobs").get(0);
        assertThat(job.get("probes")).isEmpty();
        assertThat(job.get("probeSignature").isNull()).isTrue();
    }

    private long countRows() {
        return tx.read(
                TenantScope.of(agent.tenantId),
                () -> jdbc.sql("SELECT count(*) FROM probe_result WHERE tenant_id = ? AND agent_id = ?")
                        .params(agent.tenantId, agent.id)
                        .query(Long.class)
                        .single());
    }
}
