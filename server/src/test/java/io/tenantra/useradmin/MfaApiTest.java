package io.tenantra.useradmin;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.MovableClockServerTest;
import io.tenantra.support.MutableClock;
import io.tenantra.support.TotpCodes;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * TOTP enrolment, login with a second factor, recovery codes, turning MFA off, and tenants that
 * require MFA. The clock stands still, so the test knows exactly which codes are current.
 */
@MovableClockServerTest
class MfaApiTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    Http http;
    UUID tenant;
    String username;
    String token;
    UUID userId;

    @BeforeEach
    void setUp() {
        clock.advance(Duration.ofMinutes(2)); // full rate-limit allowances; a fresh TOTP step
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "mfa");
        username = fx.user(tenant, "ANALYST");
        token = http.login(username, Fixtures.PASSWORD);
        userId = UUID.fromString(http.get("/api/v1/me", token).json().get("id").asString());
    }

    private String code(String secret, int stepsFromNow) {
        return TotpCodes.at(secret, TotpCodes.step(clock.instant()) + stepsFromNow);
    }

    private Http.Response login(String password, String totp) {
        Map<String, String> body = new HashMap<>(Map.of("username", username, "password", password));
        if (totp != null) {
            body.put("totp", totp);
        }
        return http.postJson("/api/v1/auth/login", null, body);
    }

    private Http.Response delete(String path, String bearer, Object body) {
        return http.send(http.request(path, bearer)
                .header("Content-Type", "application/json")
                .method(
                        "DELETE",
                        HttpRequest.BodyPublishers.ofString(
                                JsonMapper.builder().build().writeValueAsString(body)))
                .build());
    }

    private Http.Response changePassword(String bearer) {
        return http.send(http.request("/api/v1/me/password", bearer)
                .header("Content-Type", "application/json")
                .method("PUT", HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:" + type);
    }

    private static List<String> fieldsInError(Http.Response response) {
        return response.json()
                .get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
    }

    /** Enrols and confirms with the current code; returns the secret and the recovery codes. */
    private Enrolled enrol(String bearer) {
        Http.Response started = http.post("/api/v1/me/mfa/totp", bearer, null, "");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String secret = started.json().get("secret").asString();
        Http.Response confirmed = http.postJson("/api/v1/me/mfa/totp/confirm", bearer, Map.of("code", code(secret, 0)));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        List<String> codes = confirmed
                .json()
                .get("recoveryCodes")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        return new Enrolled(secret, codes);
    }

    private record Enrolled(String secret, List<String> recoveryCodes) {}

    @Test
    void enrolmentHandsOutASecretItsUriAndAQrCodeOfThatUri() throws Exception {
        assertProblem(http.post("/api/v1/me/mfa/totp", null, null, ""), 401, "unauthenticated");

        Http.Response started = http.post("/api/v1/me/mfa/totp", token, null, "");

        assertThat(started.status()).as(started.body()).isEqualTo(200);
        JsonNode body = started.json();
        String secret = body.get("secret").asString();
        assertThat(secret).matches("[A-Z2-7]{32}");
        String uri = body.get("otpauthUri").asString();
        assertThat(uri)
                .startsWith("otpauth://totp/Tenantra%3A" + username + "?secret=" + secret)
                .contains("issuer=Tenantra", "digits=6", "period=30", "algorithm=SHA1");
        String qr = body.get("qrCode").asString();
        assertThat(qr).startsWith("data:image/png;base64,");
        var image = ImageIO.read(
                new ByteArrayInputStream(Base64.getDecoder().decode(qr.substring("data:image/png;base64,".length()))));
        var decoded = new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))));
        assertThat(decoded.getText()).isEqualTo(uri);

        assertThat(http.get("/api/v1/me", token).json().get("mfaEnabled").asBoolean())
                .isFalse();
        assertThat(audit.events("mfa.enrol", userId)).hasSize(1);
        // Not on yet: logging in still needs no code.
        assertThat(login(Fixtures.PASSWORD, null).status()).isEqualTo(200);
    }

    @Test
    void confirmingWithACurrentCodeTurnsMfaOnAndShowsRecoveryCodesOnce() {
        String confirm = "/api/v1/me/mfa/totp/confirm";
        assertProblem(http.postJson(confirm, null, Map.of("code", "123456")), 401, "unauthenticated");
        assertProblem(http.postJson(confirm, token, Map.of("code", "123456")), 409, "conflict"); // nothing started

        String secret = http.post("/api/v1/me/mfa/totp", token, null, "")
                .json()
                .get("secret")
                .asString();
        assertProblem(http.post(confirm, token, "application/json", "{\"code\": "), 400, "malformed-body");
        Http.Response wrongType = http.postJson(confirm, token, "{\"code\": [1]}");
        assertProblem(wrongType, 422, "validation-failed");
        assertThat(fieldsInError(wrongType)).containsExactly("code");
        assertThat(fieldsInError(http.postJson(confirm, token, Map.of("code", "12ab56"))))
                .containsExactly("code");
        assertThat(fieldsInError(http.postJson(confirm, token, Map.of("code", "x".repeat(33)))))
                .containsExactly("code");
        Http.Response wrongCode = http.postJson(confirm, token, Map.of("code", code(secret, 5)));
        assertProblem(wrongCode, 422, "validation-failed");
        assertThat(fieldsInError(wrongCode)).containsExactly("code");

        Http.Response confirmed = http.postJson(confirm, token, Map.of("code", code(secret, 0)));

        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("recoveryCodes").valueStream().map(JsonNode::asString))
                .hasSize(10)
                .allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        assertThat(http.get("/api/v1/me", token).json().get("mfaEnabled").asBoolean())
                .isTrue();
        List<AuditEvent> enabled = audit.events("mfa.enable", userId);
        assertThat(enabled).hasSize(1);
        assertThat(enabled.get(0).changes()).isEqualTo(Map.of("method", "totp", "recoveryCodes", 10));

        assertProblem(http.post("/api/v1/me/mfa/totp", token, null, ""), 409, "conflict");
        assertProblem(http.postJson(confirm, token, Map.of("code", code(secret, 1))), 409, "conflict");
    }

    @Test
    void loginThenNeedsACodeThatWorksOnceAndRecoveryCodesWorkOnceToo() {
        Enrolled mfa = enrol(token);

        Http.Response noCode = login(Fixtures.PASSWORD, null);
        assertProblem(noCode, 401, "mfa-required");
        assertThat(noCode.json().get("detail").asString()).contains("totp");
        // The code used to confirm the enrolment is spent.
        assertProblem(login(Fixtures.PASSWORD, code(mfa.secret(), 0)), 401, "mfa-required");

        String next = code(mfa.secret(), 1); // still inside the ±1 step window
        assertThat(login(Fixtures.PASSWORD, next).status()).isEqualTo(200);
        assertProblem(login(Fixtures.PASSWORD, next), 401, "mfa-required"); // replay

        String recovery = mfa.recoveryCodes().get(4);
        Http.Response withRecovery = login(Fixtures.PASSWORD, recovery.toUpperCase());
        assertThat(withRecovery.status()).as(withRecovery.body()).isEqualTo(200);
        assertProblem(login(Fixtures.PASSWORD, recovery), 401, "mfa-required");
        assertThat(http.get("/api/v1/me", withRecovery.json().get("accessToken").asString())
                        .status())
                .isEqualTo(200);

        // A right code never rescues a wrong password, and the answer does not mention MFA.
        clock.advance(Duration.ofSeconds(30));
        assertProblem(login("wrong-password", code(mfa.secret(), 1)), 401, "unauthenticated");

        assertThat(audit.events("auth.login", userId))
                .extracting(e -> e.changes().get("secondFactor"))
                .containsExactly("none", "totp", "recovery_code");
        assertThat(audit.events("auth.login.failure", userId))
                .extracting(e -> e.changes().get("reason"))
                .containsExactly(
                        "mfa_code_missing", "mfa_code_wrong", "mfa_code_wrong", "mfa_code_wrong", "wrong_password");
    }

    @Test
    void wrongCodesCountTowardsTheLockout() {
        enrol(token);
        for (int i = 0; i < 5; i++) {
            assertProblem(login(Fixtures.PASSWORD, "000000"), 401, "mfa-required");
        }
        Http.Response locked = login(Fixtures.PASSWORD, "000000");
        assertProblem(locked, 429, "rate-limited");
        assertThat(locked.header("Retry-After")).isEqualTo("60");
    }

    @Test
    void recoveryCodesCanBeReplacedWithACurrentCode() {
        String path = "/api/v1/me/mfa/recovery-codes";
        assertProblem(http.postJson(path, null, Map.of("code", "123456")), 401, "unauthenticated");
        assertProblem(http.postJson(path, token, Map.of("code", "123456")), 409, "conflict"); // MFA is off
        Enrolled mfa = enrol(token);

        assertThat(fieldsInError(http.postJson(
                        path, token, Map.of("code", mfa.recoveryCodes().get(0)))))
                .as("a recovery code cannot make new recovery codes")
                .containsExactly("code");
        assertThat(fieldsInError(http.postJson(path, token, Map.of()))).containsExactly("code");
        assertThat(fieldsInError(http.postJson(path, token, Map.of("code", code(mfa.secret(), 0)))))
                .as("already used")
                .containsExactly("code");

        Http.Response replaced = http.postJson(path, token, Map.of("code", code(mfa.secret(), 1)));

        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        List<String> fresh = replaced.json()
                .get("recoveryCodes")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(mfa.recoveryCodes());
        assertProblem(login(Fixtures.PASSWORD, mfa.recoveryCodes().get(1)), 401, "mfa-required");
        assertThat(login(Fixtures.PASSWORD, fresh.get(0)).status()).isEqualTo(200);
        assertThat(audit.events("mfa.recovery-codes.regenerate", userId))
                .extracting(AuditEvent::outcome)
                .containsExactly(AuditEvent.Outcome.FAILURE, AuditEvent.Outcome.SUCCESS);
    }

    @Test
    void mfaTurnsOffWithThePasswordAndACode() {
        assertProblem(
                delete("/api/v1/me/mfa", null, Map.of("currentPassword", "x", "code", "1")), 401, "unauthenticated");
        assertProblem(
                delete("/api/v1/me/mfa", token, Map.of("currentPassword", Fixtures.PASSWORD, "code", "123456")),
                409,
                "conflict");
        Enrolled mfa = enrol(token);

        Http.Response wrongPassword =
                delete("/api/v1/me/mfa", token, Map.of("currentPassword", "nope", "code", code(mfa.secret(), 1)));
        assertProblem(wrongPassword, 422, "validation-failed");
        assertThat(fieldsInError(wrongPassword)).containsExactly("currentPassword");
        Http.Response wrongCode =
                delete("/api/v1/me/mfa", token, Map.of("currentPassword", Fixtures.PASSWORD, "code", "999999"));
        assertProblem(wrongCode, 422, "validation-failed");
        assertThat(fieldsInError(wrongCode)).containsExactly("code");
        assertThat(fieldsInError(delete("/api/v1/me/mfa", token, Map.of("code", "123456"))))
                .containsExactly("currentPassword");

        Http.Response off = delete(
                "/api/v1/me/mfa",
                token,
                Map.of(
                        "currentPassword",
                        Fixtures.PASSWORD,
                        "code",
                        mfa.recoveryCodes().get(9)));

        assertThat(off.status()).as(off.body()).isEqualTo(204);
        assertThat(http.get("/api/v1/me", token).json().get("mfaEnabled").asBoolean())
                .isFalse();
        assertThat(login(Fixtures.PASSWORD, null).status()).isEqualTo(200);
        assertThat(audit.events("mfa.disable", userId))
                .extracting(AuditEvent::outcome)
                .containsExactly(AuditEvent.Outcome.FAILURE, AuditEvent.Outcome.FAILURE, AuditEvent.Outcome.SUCCESS);
    }

    @Test
    void aTenantRequiringMfaHoldsItsUnenrolledUsersToEnrolment() {
        // Required on the parent: binds the child tenant's users too.
        UUID parent = fx.tenant(fx.root(), "strict");
        UUID child = fx.tenant(parent, "strict-child");
        tx.write(
                TenantScope.of(parent),
                () -> jdbc.sql("UPDATE tenant SET settings = settings || '{\"mfaRequired\": true}' WHERE id = ?")
                        .param(parent)
                        .update());
        String user = fx.user(child, "ADMIN");
        JsonNode tokens = http.postJson(
                        "/api/v1/auth/login", null, Map.of("username", user, "password", Fixtures.PASSWORD))
                .json();
        String pending = tokens.get("accessToken").asString();
        JsonNode claims =
                JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(pending.split("\\.")[1]));
        assertThat(claims.get("mfa_pending").asBoolean()).isTrue();

        JsonNode me = http.get("/api/v1/me", pending).json();
        assertThat(me.get("mfaRequired").asBoolean()).isTrue();
        assertThat(me.get("mfaEnabled").asBoolean()).isFalse();
        Http.Response held = changePassword(pending);
        assertProblem(held, 403, "mfa-enrolment-required");
        assertThat(held.json().get("detail").asString()).contains("/api/v1/me/mfa/totp");

        Enrolled mfa = enrol(pending);

        // The same token works at once; a refreshed one no longer carries the restriction.
        assertProblem(changePassword(pending), 422, "validation-failed");
        JsonNode refreshed = http.postJson(
                        "/api/v1/auth/refresh",
                        null,
                        Map.of("refreshToken", tokens.get("refreshToken").asString()))
                .json();
        JsonNode newClaims = JsonMapper.builder()
                .build()
                .readTree(Base64.getUrlDecoder()
                        .decode(refreshed.get("accessToken").asString().split("\\.")[1]));
        assertThat(newClaims.has("mfa_pending")).isFalse();
        // Required by the tenant: it cannot be turned off.
        assertProblem(
                delete(
                        "/api/v1/me/mfa",
                        pending,
                        Map.of("currentPassword", Fixtures.PASSWORD, "code", code(mfa.secret(), 1))),
                409,
                "conflict");
    }

    @Test
    void aPendingUserCanStillLogOut() {
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("UPDATE tenant SET settings = settings || '{\"mfaRequired\": true}' WHERE id = ?")
                        .param(tenant)
                        .update());
        String pending = http.login(username, Fixtures.PASSWORD);
        assertThat(http.post("/api/v1/auth/logout", pending, null, "").status()).isEqualTo(204);
    }

    @Test
    void theConsoleLoginFormTakesTheCode() {
        Enrolled mfa = enrol(token);
        ConsoleClient console = new ConsoleClient(port);

        assertThat(console.login(username, Fixtures.PASSWORD, null)).isEqualTo("/login?mfa");
        assertThat(console.get("/login?mfa").body()).contains("This account uses two-factor authentication.");
        assertThat(console.login(username, Fixtures.PASSWORD, code(mfa.secret(), 1)))
                .isEqualTo("/");
        assertThat(console.get("/profile").body()).contains("data-testid=\"mfa-status\"", "On");
    }

    @Test
    void aPendingConsoleUserIsSentToTheProfilePage() {
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("UPDATE tenant SET settings = settings || '{\"mfaRequired\": true}' WHERE id = ?")
                        .param(tenant)
                        .update());
        ConsoleClient console = new ConsoleClient(port);
        assertThat(console.login(username, Fixtures.PASSWORD, null)).isEqualTo("/");

        var home = console.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/profile?mfaRequired");
        assertThat(console.get("/profile").body()).contains("data-testid=\"mfa-required-banner\"");
    }
}
