package io.tenantra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.OwnerDatabase;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Export → offline verification, with and without the published keys, and of tampered files. */
@ServerTest
class AuditExportTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    CheckpointJob checkpoints;

    @Autowired
    StoredEvents stored;

    @Autowired
    OwnerDatabase owner;

    @TempDir
    Path dir;

    Http http;
    UUID tenant;
    String token;

    @BeforeEach
    void chainWithCheckpoint() {
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "export");
        token = http.login(fx.user(tenant, "ADMIN"), Fixtures.PASSWORD);
        for (int i = 1; i <= 4; i++) {
            rename(tenant, "Name, \"quoted\" " + i);
        }
        checkpoints.checkpoint(tenant).orElseThrow();
        rename(tenant, "=HYPERLINK(\"http://evil\")");
    }

    private void rename(UUID where, String name) {
        assertThat(http.postJson("/api/v1/tenants/" + where + "/test-audit/rename", token, Map.of("name", name))
                        .status())
                .isEqualTo(200);
    }

    private Path export(String query) throws Exception {
        Http.Response response = http.get("/api/v1/tenants/" + tenant + "/audit-events/export" + query, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/csv");
        assertThat(response.header("Content-Disposition"))
                .startsWith("attachment; filename=\"audit-" + tenant + "-")
                .endsWith(".csv\"");
        Path file = dir.resolve("export-" + UUID.randomUUID() + ".csv");
        Files.writeString(file, response.body(), StandardCharsets.UTF_8);
        return file;
    }

    private Path keysFile() throws Exception {
        Path file = dir.resolve("keys-" + UUID.randomUUID() + ".json");
        Files.writeString(file, http.get("/api/v1/audit/keys", null).body());
        return file;
    }

    private record Run(int status, String out) {}

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AuditCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anExportVerifiesOfflineAgainstThePublishedKeys() throws Exception {
        Path file = export("");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ExportCsv.HEADER));
        assertThat(lines).filteredOn(l -> l.startsWith("checkpoint,")).hasSize(1);
        // The export's own audit event is part of the chain it exports.
        assertThat(lines.get(lines.size() - 1)).contains(",audit.export,");

        Run run = cli("audit", "verify", file.toString(), "--key", keysFile().toString());
        assertThat(run.status()).as(run.out()).isEqualTo(AuditCli.VALID);
        assertThat(run.out())
                .contains("VALID: 6 event(s) and 1 checkpoint(s) verified.")
                .doesNotContain("WARNING");

        String base64Key = http.get("/api/v1/audit/keys", null)
                .json()
                .get("keys")
                .get(0)
                .get("publicKey")
                .asString();
        assertThat(cli("audit", "verify", file.toString(), "--key=" + base64Key).status())
                .isEqualTo(AuditCli.VALID);

        Run unsigned = cli("audit", "verify", file.toString());
        assertThat(unsigned.status()).isEqualTo(AuditCli.VALID);
        assertThat(unsigned.out()).contains("WARNING: checkpoint signatures were NOT checked");
    }

    @Test
    void everyExportIsItselfAudited() throws Exception {
        export("?action=test.*");
        List<ChainEvent> exports = stored.of(tenant, "audit.export");
        assertThat(exports).hasSize(1);
        assertThat(exports.get(0).changes()).contains("\"filtered\":true").contains("\"action\":\"test.*\"");
    }

    @Test
    void aTamperedLineFailsOfflineVerificationAtItsPosition() throws Exception {
        Path file = export("");
        String csv = Files.readString(file);
        Path edited = dir.resolve("edited.csv");
        Files.writeString(edited, csv.replace("Name, \\\"\"quoted\\\"\" 3", "Name, \\\"\"quoted\\\"\" X"));
        assertThat(Files.readString(edited)).isNotEqualTo(csv);
        Run run = cli("audit", "verify", edited.toString(), "--key", keysFile().toString());
        assertThat(run.status()).as(run.out()).isEqualTo(AuditCli.BROKEN);
        assertThat(run.out()).contains("BROKEN: hash mismatch at seq 3 of tenant " + tenant);

        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.remove(2); // the event at seq 2
        Path shortened = dir.resolve("shortened.csv");
        Files.write(shortened, lines);
        Run gap = cli("audit", "verify", shortened.toString());
        assertThat(gap.status()).isEqualTo(AuditCli.BROKEN);
        assertThat(gap.out()).contains("BROKEN: sequence gap at seq 2");
    }

    @Test
    void aCheckpointSignedWithAKeyThatWasNotPublishedIsRefused() throws Exception {
        Path pinned = keysFile();
        // Someone with database access adds a key of their own and re-signs the head with it.
        KeyPair theirs = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String kid = Ed25519Keys.kidOf(theirs.getPublic());
        owner.execute(
                "INSERT INTO audit_signing_key (kid, algorithm, public_key, created_at) VALUES (?, 'Ed25519', ?, now())",
                kid,
                Ed25519Keys.encode(theirs.getPublic()));
        ChainEvent head = stored.of(tenant).get(stored.of(tenant).size() - 1);
        ChainCheckpoint unsigned = new ChainCheckpoint(
                tenant, head.seq(), head.hash(), head.seq(), ChainEvent.truncate(Instant.now()), kid, null);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(theirs.getPrivate());
        signer.update(unsigned.payload());
        owner.execute(
                "INSERT INTO audit_checkpoint (tenant_id, seq, head_hash, event_count, signed_at, kid, signature)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                tenant,
                head.seq(),
                head.hash(),
                head.seq(),
                ChainRows.timestamp(unsigned.signedAt()),
                kid,
                Base64.getEncoder().encodeToString(signer.sign()));

        Run run = cli("audit", "verify", export("").toString(), "--key", pinned.toString());
        assertThat(run.status()).isEqualTo(AuditCli.BROKEN);
        assertThat(run.out()).contains("BROKEN: unknown signing key at seq " + head.seq());
    }

    @Test
    void aFilteredExportHoldsOnlyMatchingEventsAndNoCheckpoints() throws Exception {
        Path file = export("?action=access.denied");
        assertThat(Files.readAllLines(file)).hasSize(1);
        Path renames = export("?action=test.tenant.rename&outcome=SUCCESS");
        assertThat(Files.readAllLines(renames)).hasSize(6).noneMatch(l -> l.startsWith("checkpoint,"));
    }

    @Test
    void anMspExportOfItsSubtreeVerifiesChainByChain() throws Exception {
        UUID msp = fx.tenant(fx.root(), "expmsp");
        UUID child = fx.tenant(msp, "expchild");
        token = http.login(fx.user(msp, "MSP_ADMIN"), Fixtures.PASSWORD);
        rename(msp, "Msp");
        rename(child, "Child");
        rename(child, "Child again");
        tenant = msp;
        Path file = export("?includeDescendants=true");
        Run run = cli("audit", "verify", file.toString(), "--key", keysFile().toString());
        assertThat(run.status()).as(run.out()).isEqualTo(AuditCli.VALID);
        assertThat(Files.readString(file)).contains(child.toString()).contains(msp.toString());
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Path notAnExport = dir.resolve("notes.txt");
        Files.writeString(notAnExport, "hello\n");
        assertThat(cli().status()).isEqualTo(AuditCli.USAGE);
        assertThat(cli("audit").status()).isEqualTo(AuditCli.USAGE);
        assertThat(cli("audit", "verify").status()).isEqualTo(AuditCli.USAGE);
        assertThat(cli("audit", "verify", dir.resolve("missing.csv").toString()).status())
                .isEqualTo(AuditCli.USAGE);
        assertThat(cli("audit", "verify", notAnExport.toString()).status()).isEqualTo(AuditCli.USAGE);
        assertThat(cli("audit", "verify", notAnExport.toString(), "--key", "not-a-key")
                        .status())
                .isEqualTo(AuditCli.USAGE);
        assertThat(cli("audit", "verify", "a.csv", "b.csv").status()).isEqualTo(AuditCli.USAGE);
    }

    @Test
    void theServerEntryPointVerifiesWithoutStartingSpring() throws Exception {
        Path file = export("");
        Path keys = keysFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.tenantra.TenantraApplication",
                        "audit",
                        "verify",
                        file.toString(),
                        "--key",
                        keys.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(0);
        assertThat(output)
                .startsWith("VALID: 6 event(s)")
                .doesNotContain("Spring")
                .doesNotContain("Tomcat");

        Files.writeString(file, Files.readString(file).replace(",SUCCESS,", ",FAILURE,"));
        Process broken = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.tenantra.TenantraApplication",
                        "audit",
                        "verify",
                        file.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(broken.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(broken.exitValue()).isEqualTo(1);
    }
}
