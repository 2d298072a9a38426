package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.MovableClockServerTest;
import io.tenantra.support.MutableClock;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Account lockout with back-off, and the login rate limits per address and per username, over
 * real HTTP with the production limits and a clock the test moves.
 */
@MovableClockServerTest
class LoginProtectionTest {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    Http http;
    UUID tenant;

    @BeforeEach
    void setUp() {
        // Every test in this server logs in from 127.0.0.1: start each with full allowances.
        clock.advance(Duration.ofMinutes(2));
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "locks");
    }

    private Http.Response login(String username, String password) {
        return http.postJson("/api/v1/auth/login", null, Map.of("username", username, "password", password));
    }

    private static void assertTooMany(Http.Response response, long retryAfter) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo(Long.toString(retryAfter));
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:rate-limited");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("Too many attempts. Try again in " + retryAfter + " seconds.");
    }

    private static void assertBadCredentials(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:unauthenticated");
        assertThat(response.json().get("detail").asString()).isEqualTo("The username or password is incorrect.");
    }

    private UUID idOf(String username) {
        return UUID.fromString(http.get("/api/v1/me", http.login(username, Fixtures.PASSWORD))
                .json()
                .get("id")
                .asString());
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndEachFurtherFailureDoublesTheLock() {
        String user = fx.user(tenant, "ANALYST");
        UUID userId = idOf(user);
        for (int i = 0; i < 5; i++) {
            assertBadCredentials(login(user, "wrong-password-" + i));
        }
        // Locked: even the right password is refused, without being checked.
        assertTooMany(login(user, Fixtures.PASSWORD), 60);
        clock.advance(Duration.ofSeconds(45));
        assertTooMany(login(user, Fixtures.PASSWORD), 15);

        clock.advance(Duration.ofSeconds(15));
        assertBadCredentials(login(user, "wrong-again")); // the sixth failure, right after the lock
        assertTooMany(login(user, Fixtures.PASSWORD), 120);

        clock.advance(Duration.ofSeconds(120));
        assertThat(login(user, Fixtures.PASSWORD).status()).isEqualTo(200);
        // Success ended the streak: four more failures do not lock.
        for (int i = 0; i < 4; i++) {
            assertBadCredentials(login(user, "wrong-password-" + i));
        }
        assertThat(login(user, Fixtures.PASSWORD).status()).isEqualTo(200);

        List<AuditEvent> lockouts = audit.events("auth.lockout", userId);
        assertThat(lockouts).hasSize(2);
        assertThat(lockouts).allSatisfy(e -> {
            assertThat(e.tenantId()).isEqualTo(tenant);
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
        });
        assertThat(lockouts.get(0).changes()).containsEntry("failures", 5).containsEntry("lockedSeconds", 60L);
        assertThat(lockouts.get(1).changes()).containsEntry("failures", 6).containsEntry("lockedSeconds", 120L);

        List<AuditEvent> failures = audit.events("auth.login.failure", userId);
        assertThat(failures)
                .extracting(e -> e.changes().get("reason"))
                .containsExactly(
                        "wrong_password",
                        "wrong_password",
                        "wrong_password",
                        "wrong_password",
                        "wrong_password",
                        "account_locked",
                        "account_locked",
                        "wrong_password",
                        "account_locked",
                        "wrong_password",
                        "wrong_password",
                        "wrong_password",
                        "wrong_password");
        assertThat(failures).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.FAILURE);
            assertThat(e.actor().name()).isEqualTo(user);
            assertThat(e.changes().toString()).doesNotContain("wrong-password", Fixtures.PASSWORD);
        });
        assertThat(audit.events("auth.login", userId))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS));
    }

    @Test
    void unknownUsernamesLockExactlyLikeRealOnesSoNothingLeaks() {
        String ghost = Fixtures.unique("ghost");
        for (int i = 0; i < 5; i++) {
            assertBadCredentials(login(ghost, "guess-" + i));
        }
        assertTooMany(login(ghost, "guess-5"), 60);

        List<AuditEvent> failures = audit.matching(e -> e.action().equals("auth.login.failure")
                && ghost.equals(e.actor().name()));
        assertThat(failures).hasSize(6).allSatisfy(e -> {
            assertThat(e.tenantId()).as("the root tenant's trail").isEqualTo(fx.root());
            assertThat(e.actor().kind()).isEqualTo(io.tenantra.platform.audit.Actor.Kind.ANONYMOUS);
            assertThat(e.targetId()).isNull();
        });
        assertThat(failures)
                .extracting(e -> e.changes().get("reason"))
                .containsExactly(
                        "unknown_user",
                        "unknown_user",
                        "unknown_user",
                        "unknown_user",
                        "unknown_user",
                        "account_locked");
        assertThat(audit.matching(e -> e.action().equals("auth.lockout")
                        && ghost.equals(e.actor().name())))
                .hasSize(1);
    }

    @Test
    void aUsernameGetsTenAttemptsAMinuteWhateverTheirOutcome() {
        String user = fx.user(tenant, "ANALYST");
        for (int i = 0; i < 10; i++) {
            assertThat(login(user, Fixtures.PASSWORD).status())
                    .as("attempt %d", i + 1)
                    .isEqualTo(200);
        }
        assertTooMany(login(user, Fixtures.PASSWORD), 6); // one attempt back every 6 seconds
        clock.advance(Duration.ofSeconds(6));
        assertThat(login(user, Fixtures.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anAddressGetsThirtyAttemptsAMinuteAcrossUsernames() {
        String user = fx.user(tenant, "ANALYST");
        for (int i = 0; i < 30; i++) {
            assertBadCredentials(login(Fixtures.unique("spray"), "Winter2026!"));
        }
        assertTooMany(login(Fixtures.unique("spray"), "Winter2026!"), 2);
        assertTooMany(login(user, Fixtures.PASSWORD), 2); // the address is limited, whoever it names
        clock.advance(Duration.ofSeconds(2));
        assertThat(login(user, Fixtures.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void wrongCurrentPasswordsOnAPasswordChangeCountTowardsTheLockout() {
        String user = fx.user(tenant, "ANALYST");
        String token = http.login(user, Fixtures.PASSWORD);
        String body = "{\"currentPassword\": \"guess\", \"newPassword\": \"violet-harbour-kettle-42\"}";
        HttpRequest change = http.request("/api/v1/me/password", token)
                .header("Content-Type", "application/json")
                .method("PUT", HttpRequest.BodyPublishers.ofString(body))
                .build();
        for (int i = 0; i < 5; i++) {
            assertThat(http.send(change).status()).isEqualTo(422);
        }
        assertTooMany(http.send(change), 60);
        assertTooMany(login(user, Fixtures.PASSWORD), 60);
        assertThat(http.get("/api/v1/me", token).status())
                .as("the session itself survives")
                .isEqualTo(200);
    }

    @Test
    void theConsoleLoginPageSaysHowLongToWait() {
        String user = fx.user(tenant, "ANALYST");
        ConsoleClient console = new ConsoleClient(port);
        for (int i = 0; i < 5; i++) {
            assertThat(console.login(user, "wrong-password", null)).isEqualTo("/login?error");
        }
        assertThat(console.login(user, Fixtures.PASSWORD, null)).isEqualTo("/login?locked=60");
        String page = console.get("/login?locked=60").body();
        assertThat(page).contains("Too many attempts, try again in 60 seconds.");

        clock.advance(Duration.ofSeconds(60));
        assertThat(console.login(user, Fixtures.PASSWORD, null)).isEqualTo("/");
        assertThat(console.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void aForgedLockMessageOnlyShowsDigits() {
        ConsoleClient console = new ConsoleClient(port);
        String page = console.get("/login?locked=%3Cscript%3E").body();
        assertThat(page).doesNotContain("<script>").doesNotContain("Too many attempts");
    }
}
