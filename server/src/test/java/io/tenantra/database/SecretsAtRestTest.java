package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.platform.TenantraProperties;
import io.tenantra.platform.secrets.SecretKeyring;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.MovableClockServerTest;
import io.tenantra.support.MutableClock;
import io.tenantra.support.TotpCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Token-signing keys and TOTP seeds are stored sealed under a key outside the database; values
 * stored before sealing, or under an older key, are sealed again at start; a server without the
 * sealing key refuses; a seal copied to another user opens for nobody.
 */
@MovableClockServerTest
class SecretsAtRestTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Fixtures fx;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    DatabaseEndpoint endpoint;

    @Autowired
    SecretKeyring keyring;

    @Autowired
    TenantraProperties tenantra;

    Http http;
    UUID tenant;

    @BeforeEach
    void setUp() {
        clock.advance(Duration.ofMinutes(2)); // full rate-limit allowances; a fresh TOTP step
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "sealed");
    }

    @Test
    void signingKeysAndTotpSeedsAreStoredSealedAndTheKeyFileIsTheServersAlone() throws Exception {
        User user = enrolledUser();

        for (String privateJwk : column("SELECT private_jwk FROM signing_key")) {
            assertThat(keyring.sealedWithActiveKey(privateJwk)).as(privateJwk).isTrue();
            assertThat(privateJwk).doesNotContain("\"d\"").doesNotContain("kty");
        }
        String storedSeed = seedOf(user.id());
        assertThat(keyring.sealedWithActiveKey(storedSeed)).isTrue();
        assertThat(storedSeed).doesNotContain(user.seed());

        Path keyFile = tenantra.dataDir().resolve("keys/secrets-aes256.keys");
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(SecretKeyring.kidOf(fileKeys().get(0))).isEqualTo(keyring.activeKid());
    }

    @Test
    void valuesStoredBeforeSealingAreSealedAtStartAndKeepWorking() throws Exception {
        User user = enrolledUser();
        // As an older server left them: the seed and a private JWK in clear.
        owner.execute("UPDATE user_mfa SET secret = ? WHERE user_id = ?", user.seed(), user.id());
        String legacyKid = "legacy-" + UUID.randomUUID();
        String legacyJwk = "{\"kty\":\"EC\",\"kid\":\"" + legacyKid + "\",\"d\":\"secret-part\"}";
        owner.execute(
                "INSERT INTO signing_key (kid, algorithm, public_jwk, private_jwk, created_at, retired_at)"
                        + " VALUES (?, 'ES256', '{}', ?, now(), '2000-01-01')",
                legacyKid,
                legacyJwk);

        Map<String, Integer> rewritten = SecretsAtRest.reseal(ownerSource(), keyring);

        assertThat(rewritten).containsEntry("user_mfa.secret", 1).containsEntry("signing_key.private_jwk", 1);
        assertThat(keyring.open(seedOf(user.id()), SecretKeyring.place("user_mfa", "secret", user.id())))
                .isEqualTo(user.seed());
        String sealedJwk = column("SELECT private_jwk FROM signing_key WHERE kid = '" + legacyKid + "'")
                .get(0);
        assertThat(keyring.open(sealedJwk, SecretKeyring.place("signing_key", "private_jwk", legacyKid)))
                .isEqualTo(legacyJwk);
        // The second factor still works with the seed the user's app holds.
        clock.advance(Duration.ofSeconds(30));
        assertThat(login(user, TotpCodes.at(user.seed(), TotpCodes.step(clock.instant())))
                        .status())
                .isEqualTo(200);
        // Nothing left to do on the next start.
        assertThat(SecretsAtRest.reseal(ownerSource(), keyring))
                .containsEntry("user_mfa.secret", 0)
                .containsEntry("signing_key.private_jwk", 0);
    }

    @Test
    void rotatingTheKeyResealsEverythingAndAServerWithoutTheKeyRefuses() throws Exception {
        User user = enrolledUser();
        byte[] current = fileKeys().get(0);
        byte[] next = new byte[32];
        new SecureRandom().nextBytes(next);
        SecretKeyring rotated = new SecretKeyring(List.of(next, current));
        try {
            SecretsAtRest.reseal(ownerSource(), rotated);
            assertThat(column("SELECT private_jwk FROM signing_key"))
                    .allSatisfy(v -> assertThat(rotated.sealedWithActiveKey(v)).isTrue());
            assertThat(rotated.sealedWithActiveKey(seedOf(user.id()))).isTrue();

            byte[] stranger = new byte[32];
            new SecureRandom().nextBytes(stranger);
            String seedBefore = seedOf(user.id());
            assertThatThrownBy(() -> SecretsAtRest.reseal(ownerSource(), new SecretKeyring(List.of(stranger))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sealed with key(s) " + rotated.activeKid())
                    .hasMessageContaining("TENANTRA_SECRETS_KEYS");
            assertThat(seedOf(user.id())).as("nothing changed").isEqualTo(seedBefore);
        } finally {
            // Back under the key the running server has, for the tests that share it.
            SecretsAtRest.reseal(ownerSource(), new SecretKeyring(List.of(current, next)));
        }
        assertThat(keyring.sealedWithActiveKey(seedOf(user.id()))).isTrue();
    }

    @Test
    void aSealCopiedToAnotherUserOpensForNobody() throws Exception {
        User victim = enrolledUser();
        User attacker = enrolledUser();
        // Someone with database access gives the victim the attacker's seed, whose codes they know.
        owner.execute(
                "UPDATE user_mfa SET secret = (SELECT secret FROM user_mfa WHERE user_id = ?) WHERE user_id = ?",
                attacker.id(),
                victim.id());

        clock.advance(Duration.ofSeconds(30));
        long step = TotpCodes.step(clock.instant());
        assertThat(login(victim, TotpCodes.at(attacker.seed(), step)).status())
                .as("the attacker's code")
                .isEqualTo(500);
        assertThat(login(victim, TotpCodes.at(victim.seed(), step)).status())
                .as("fails closed")
                .isEqualTo(500);
        assertThat(login(attacker, TotpCodes.at(attacker.seed(), step)).status())
                .isEqualTo(200);
    }

    private record User(String username, UUID id, String seed) {}

    /** A new user with a confirmed TOTP authenticator. */
    private User enrolledUser() {
        String username = fx.user(tenant, "ANALYST");
        String token = http.login(username, Fixtures.PASSWORD);
        UUID id = UUID.fromString(http.get("/api/v1/me", token).json().get("id").asString());
        Http.Response started = http.post("/api/v1/me/mfa/totp", token, null, "");
        assertThat(started.status()).isEqualTo(200);
        String seed = started.json().get("secret").asString();
        Http.Response confirmed = http.postJson(
                "/api/v1/me/mfa/totp/confirm",
                token,
                Map.of("code", TotpCodes.at(seed, TotpCodes.step(clock.instant()))));
        assertThat(confirmed.status()).isEqualTo(200);
        return new User(username, id, seed);
    }

    private Http.Response login(User user, String totp) {
        Map<String, String> body = new HashMap<>(Map.of("username", user.username(), "password", Fixtures.PASSWORD));
        body.put("totp", totp);
        return http.postJson("/api/v1/auth/login", null, body);
    }

    private String seedOf(UUID userId) throws SQLException {
        return column("SELECT secret FROM user_mfa WHERE user_id = '" + userId + "'")
                .get(0);
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = owner.connect();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    private List<byte[]> fileKeys() throws Exception {
        return Files.readAllLines(tenantra.dataDir().resolve("keys/secrets-aes256.keys")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(Base64.getDecoder()::decode)
                .toList();
    }

    private DataSource ownerSource() {
        return new DriverManagerDataSource(endpoint.jdbcUrl(), endpoint.ownerUsername(), endpoint.ownerPassword());
    }
}
