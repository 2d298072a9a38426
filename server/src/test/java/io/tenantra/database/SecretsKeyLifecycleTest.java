package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.TenantraApplication;
import io.tenantra.platform.secrets.SecretKeyring;
import io.tenantra.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sealing key across restarts, as an operator meets it: the key file is created once and
 * reused; a server given other keys refuses to start and names the key it lacks; a new key put
 * first re-seals everything at start, and the server goes on signing tokens.
 */
class SecretsKeyLifecycleTest {

    private static final String PASSWORD = "Lifecycle-Password-1";

    private static ConfigurableApplicationContext start(Path dataDir, String keys) {
        return new SpringApplicationBuilder(TenantraApplication.class)
                .run(
                        "--server.port=0",
                        "--tenantra.data-dir=" + dataDir,
                        "--tenantra.bootstrap.admin-password=" + PASSWORD,
                        "--tenantra.secrets.keys=" + keys);
    }

    private static int adminLogin(ConfigurableApplicationContext server) {
        int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        return new Http(port)
                .postJson("/api/v1/auth/login", null, Map.of("username", "admin", "password", PASSWORD))
                .status();
    }

    private static List<String> storedPrivateKeys(ConfigurableApplicationContext server) {
        return server.getBean(JdbcClient.class)
                .sql("SELECT private_jwk FROM signing_key")
                .query(String.class)
                .list();
    }

    private static String randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    @Test
    void theKeyFileIsKeptARestartWithoutItRefusesAndANewKeyReseals() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "secrets-lifecycle-");
        Path keyFile = dataDir.resolve("keys/secrets-aes256.keys");
        String fileKid;
        try (ConfigurableApplicationContext first = start(dataDir, "")) {
            assertThat(adminLogin(first)).isEqualTo(200); // creates and seals the first signing key
            fileKid = first.getBean(SecretKeyring.class).activeKid();
            assertThat(storedPrivateKeys(first))
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(v).startsWith("sealed:v1:" + fileKid + ":"));
        }
        String fileKey = Files.readAllLines(keyFile).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .findFirst()
                .orElseThrow();

        try (ConfigurableApplicationContext again = start(dataDir, "")) {
            assertThat(again.getBean(SecretKeyring.class).activeKid()).isEqualTo(fileKid);
            assertThat(adminLogin(again)).isEqualTo(200);
        }

        assertThatThrownBy(() -> start(dataDir, randomKey()).close())
                .rootCause()
                .hasMessageContaining("sealed with key(s) " + fileKid)
                .hasMessageContaining("TENANTRA_SECRETS_KEYS");

        String newKey = randomKey();
        try (ConfigurableApplicationContext rotated = start(dataDir, newKey + "," + fileKey)) {
            String newKid = rotated.getBean(SecretKeyring.class).activeKid();
            assertThat(newKid).isNotEqualTo(fileKid);
            assertThat(storedPrivateKeys(rotated))
                    .allSatisfy(v -> assertThat(v).startsWith("sealed:v1:" + newKid + ":"));
            assertThat(adminLogin(rotated)).isEqualTo(200);
        }
    }
}
