package io.tenantra.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.database.OwnerDatabase;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Someone with database access changes the trail behind the application's back; verification
 * says so, and where. And the application's own role cannot change the trail at all.
 */
@ServerTest
class AuditTamperTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    CheckpointJob checkpoints;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    Http http;
    UUID tenant;
    String token;

    @BeforeEach
    void fiveEvents() {
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "tamper");
        // Homed elsewhere: their own logins are audited, and must not land in the trail under test.
        token = http.login(fx.user(fx.tenant(fx.root(), "tamper-home"), "ADMIN", tenant, true), Fixtures.PASSWORD);
        for (int i = 1; i <= 5; i++) {
            Http.Response response = http.postJson(
                    "/api/v1/tenants/" + tenant + "/test-audit/rename", token, Map.of("name", "Name " + i));
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(verify().get("valid").asBoolean()).isTrue();
    }

    private JsonNode verify() {
        Http.Response response = http.get("/api/v1/tenants/" + tenant + "/audit-events/verify", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void assertBroken(long seq, String problem) {
        JsonNode result = verify();
        assertThat(result.get("valid").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.get("problem").asString()).as(result.toString()).isEqualTo(problem);
        assertThat(result.get("firstBrokenSeq").asLong()).as(result.toString()).isEqualTo(seq);
        assertThat(result.get("detail").asString()).isNotBlank();
    }

    @Test
    void anEditedEventIsFoundAtItsPosition() {
        owner.execute(
                "UPDATE audit_event SET changes = '{\"name\": \"Innocent\"}' WHERE tenant_id = ? AND seq = 3", tenant);
        assertBroken(3, "hash mismatch");
    }

    @Test
    void evenAMicrosecondOfDifferenceInTheTimeIsFound() {
        owner.execute(
                "UPDATE audit_event SET occurred_at = occurred_at + interval '1 microsecond'"
                        + " WHERE tenant_id = ? AND seq = 2",
                tenant);
        assertBroken(2, "hash mismatch");
    }

    @Test
    void aDeletedEventIsFoundAsAGap() {
        owner.execute("DELETE FROM audit_event WHERE tenant_id = ? AND seq = 3", tenant);
        assertBroken(3, "sequence gap");
    }

    @Test
    void deletingTheNewestEventsIsFoundThroughTheChainHead() {
        owner.execute("DELETE FROM audit_event WHERE tenant_id = ? AND seq >= 4", tenant);
        assertBroken(4, "sequence gap");
    }

    @Test
    void anInsertedEventIsFound() {
        owner.execute(
                "INSERT INTO audit_event (tenant_id, seq, id, occurred_at, actor_kind, actor_name, action, changes,"
                        + " outcome, prev_hash, hash) SELECT tenant_id, 6, gen_random_uuid(), now(), 'USER', 'ghost',"
                        + " 'user.delete', '{}', 'SUCCESS', hash, repeat('f', 64) FROM audit_event"
                        + " WHERE tenant_id = ? AND seq = 5",
                tenant);
        assertBroken(6, "hash mismatch");
    }

    @Test
    void anInsertedEventWithACorrectHashStillDisagreesWithTheChainHead() throws Exception {
        ChainEvent last = chain().get(4);
        ChainEvent forged = new ChainEvent(
                        tenant,
                        6,
                        UUID.randomUUID(),
                        last.occurredAt(),
                        "USER",
                        null,
                        "ghost",
                        null,
                        null,
                        "user.delete",
                        "user",
                        "x",
                        "{}",
                        "SUCCESS",
                        null,
                        null,
                        null,
                        null,
                        null)
                .linked(6, last.hash());
        insert(forged);
        assertBroken(6, "chain head mismatch");
    }

    @Test
    void aConsistentRewriteIsCaughtByTheSignedCheckpoint() throws Exception {
        assertThat(checkpoints.checkpoint(tenant)).isPresent();
        // Rewrite event 2 and recompute every hash after it, and the head: the chain itself is
        // consistent again, only the signature over the old head can tell.
        List<ChainEvent> chain = chain();
        String previous = chain.get(0).hash();
        for (ChainEvent event : chain.subList(1, chain.size())) {
            ChainEvent original = event.seq() == 2
                    ? new ChainEvent(
                            event.tenantId(),
                            event.seq(),
                            event.id(),
                            event.occurredAt(),
                            event.actorKind(),
                            event.actorId(),
                            event.actorName(),
                            null,
                            null,
                            event.action(),
                            event.targetType(),
                            event.targetId(),
                            "{\"name\":\"Rewritten\"}",
                            event.outcome(),
                            event.ip(),
                            event.userAgent(),
                            event.requestId(),
                            null,
                            null)
                    : event;
            ChainEvent rewritten = original.linked(event.seq(), previous);
            owner.execute(
                    "UPDATE audit_event SET changes = ?::jsonb, prev_hash = ?, hash = ? WHERE tenant_id = ? AND seq = ?",
                    rewritten.changes(),
                    rewritten.prevHash(),
                    rewritten.hash(),
                    tenant,
                    rewritten.seq());
            previous = rewritten.hash();
        }
        owner.execute("UPDATE audit_chain_head SET hash = ? WHERE tenant_id = ?", previous, tenant);

        assertBroken(5, "checkpoint does not match chain");
        // Nor will the server sign the rewritten head.
        assertThat(checkpoints.checkpoint(tenant)).isEmpty();
    }

    @Test
    void aForgedCheckpointSignatureIsFound() {
        ChainCheckpoint checkpoint = checkpoints.checkpoint(tenant).orElseThrow();
        String other = checkpoint.signature().startsWith("A")
                ? "B" + checkpoint.signature().substring(1)
                : "A" + checkpoint.signature().substring(1);
        owner.execute("UPDATE audit_checkpoint SET signature = ? WHERE tenant_id = ? AND seq = 5", other, tenant);
        assertBroken(5, "bad checkpoint signature");
    }

    @Test
    void checkpointsAreSignedOnlyWhenTheHeadMovedAndVerifyWithThePublishedKey() {
        assertThat(checkpoints.checkpointAll()).isGreaterThanOrEqualTo(1);
        ChainCheckpoint first = lastCheckpoint();
        assertThat(first.seq()).isEqualTo(5);
        assertThat(first.count()).isEqualTo(5);
        assertThat(checkpoints.checkpoint(tenant)).isEmpty();

        JsonNode keys = http.get("/api/v1/audit/keys", null).json().get("keys");
        JsonNode key = keys.valueStream()
                .filter(k -> k.get("kid").asString().equals(first.kid()))
                .findFirst()
                .orElseThrow();
        assertThat(key.get("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(first.signatureValid(Ed25519Keys.decode(key.get("publicKey").asString())))
                .isTrue();

        http.postJson("/api/v1/tenants/" + tenant + "/test-audit/rename", token, Map.of("name", "Moved"));
        ChainCheckpoint second = checkpoints.checkpoint(tenant).orElseThrow();
        assertThat(second.seq()).isEqualTo(6);
        JsonNode result = verify();
        assertThat(result.get("valid").asBoolean()).isTrue();
        assertThat(result.get("checkpointsChecked").asLong()).isEqualTo(2);
    }

    @Test
    void theServerRefusesToCheckpointABrokenChain() {
        owner.execute("UPDATE audit_event SET actor_name = 'someone else' WHERE tenant_id = ? AND seq = 4", tenant);
        assertThat(checkpoints.checkpoint(tenant)).isEmpty();
    }

    @Test
    void theApplicationRoleCannotChangeOrRemoveAuditRows() {
        checkpoints.checkpoint(tenant).orElseThrow();
        List<String> refused = List.of(
                "UPDATE audit_event SET action = 'x' WHERE tenant_id = '" + tenant + "'",
                "DELETE FROM audit_event WHERE tenant_id = '" + tenant + "'",
                "TRUNCATE audit_event",
                "UPDATE audit_checkpoint SET signature = 'x' WHERE tenant_id = '" + tenant + "'",
                "DELETE FROM audit_checkpoint WHERE tenant_id = '" + tenant + "'",
                "UPDATE audit_signing_key SET public_key = 'x'",
                "DELETE FROM audit_signing_key",
                "DELETE FROM audit_chain_head WHERE tenant_id = '" + tenant + "'");
        for (String sql : refused) {
            assertThatThrownBy(() ->
                            tx.write(TenantScope.of(tenant), () -> jdbc.sql(sql).update()))
                    .as(sql)
                    .rootCause()
                    .hasMessageContaining("permission denied");
        }
        assertThat(verify().get("valid").asBoolean()).isTrue();
    }

    private ChainCheckpoint lastCheckpoint() {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT " + ChainRows.CHECKPOINT_COLUMNS
                                + " FROM audit_checkpoint WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1")
                        .param(tenant)
                        .query((rs, i) -> ChainRows.checkpoint(rs))
                        .single());
    }

    private List<ChainEvent> chain() throws Exception {
        List<ChainEvent> events = new ArrayList<>();
        try (Connection c = owner.connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT " + ChainRows.EVENT_COLUMNS + " FROM audit_event WHERE tenant_id = ? ORDER BY seq")) {
            s.setObject(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(ChainRows.event(rs));
                }
            }
        }
        return events;
    }

    private void insert(ChainEvent e) {
        owner.execute(
                "INSERT INTO audit_event (tenant_id, seq, id, occurred_at, actor_kind, actor_id, actor_name,"
                        + " impersonator_id, impersonator_name, action, target_type, target_id, changes, outcome, ip,"
                        + " user_agent, request_id, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)",
                e.tenantId(),
                e.seq(),
                e.id(),
                ChainRows.timestamp(e.occurredAt()),
                e.actorKind(),
                e.actorId(),
                e.actorName(),
                e.impersonatorId(),
                e.impersonatorName(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.changes(),
                e.outcome(),
                e.ip(),
                e.userAgent(),
                e.requestId(),
                e.prevHash(),
                e.hash());
    }
}
