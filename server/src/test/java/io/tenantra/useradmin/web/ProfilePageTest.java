package io.tenantra.useradmin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import io.tenantra.support.TotpCodes;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The console's {@code /profile} page over HTTP: details, password, two-factor authentication. */
@ServerTest
class ProfilePageTest {

    private static final String NEW_PASSWORD = "violet-harbour-kettle-42";

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    AuditRecorder audit;

    String username;
    UUID userId;
    ConsoleClient console;

    @BeforeEach
    void setUp() {
        UUID tenant = fx.tenant(fx.root(), "console-profile");
        username = fx.user(tenant, "READONLY");
        Http http = new Http(port);
        userId = UUID.fromString(http.get("/api/v1/me", http.login(username, Fixtures.PASSWORD))
                .json()
                .get("id")
                .asString());
        console = new ConsoleClient(port);
        assertThat(console.login(username, Fixtures.PASSWORD, null)).isEqualTo("/");
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() {
        HttpResponse<String> response = new ConsoleClient(port).get("/profile");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(location(response)).endsWith("/login");
    }

    @Test
    void thePageShowsTheProfileAndEveryoneHasItInTheNavigation() {
        HttpResponse<String> page = console.get("/profile");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<title>Profile · Tenantra</title>")
                .contains("value=\"" + username + "@example.com\"")
                .contains("href=\"/profile\"")
                .contains("data-testid=\"mfa-start\"")
                .doesNotContain("data-testid=\"mfa-required-banner\"");
    }

    @Test
    void savingDetailsUpdatesThemOnceAndBadInputIsShownWithWhatWasTyped() {
        console.get("/profile");
        HttpResponse<String> bad = console.post("/profile", Map.of("email", "no-at-sign", "displayName", "Grace"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body())
                .contains("email must be a well-formed email address")
                .contains("value=\"no-at-sign\"");

        HttpResponse<String> saved =
                console.post("/profile", Map.of("email", username + "@example.org", "displayName", "Grace Hopper"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(location(saved)).endsWith("/profile");
        String page = console.get("/profile").body();
        assertThat(page).contains("Your profile was saved.", "value=\"Grace Hopper\"", username + "@example.org");

        List<AuditEvent> events = audit.events("profile.update", userId);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).changes())
                .isEqualTo(Map.of("email", username + "@example.org", "displayName", "Grace Hopper"));
    }

    @Test
    void changingThePasswordChecksItAndSignsOutTheOtherSessions() {
        ConsoleClient elsewhere = new ConsoleClient(port);
        assertThat(elsewhere.login(username, Fixtures.PASSWORD, null)).isEqualTo("/");
        String apiToken = new Http(port).login(username, Fixtures.PASSWORD);
        console.get("/profile");

        HttpResponse<String> mismatch = console.post(
                "/profile/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", NEW_PASSWORD, "confirmPassword", "other"));
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(mismatch.body()).contains("confirmPassword does not match the new password");

        HttpResponse<String> wrong = console.post(
                "/profile/password",
                Map.of("currentPassword", "nope", "newPassword", NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("currentPassword is incorrect");

        HttpResponse<String> weak = console.post(
                "/profile/password",
                Map.of("currentPassword", Fixtures.PASSWORD, "newPassword", "letmein", "confirmPassword", "letmein"));
        assertThat(weak.body())
                .contains("newPassword must be at least 12 characters long", "newPassword is too common");

        HttpResponse<String> changed = console.post(
                "/profile/password",
                Map.of(
                        "currentPassword",
                        Fixtures.PASSWORD,
                        "newPassword",
                        NEW_PASSWORD,
                        "confirmPassword",
                        NEW_PASSWORD));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(console.get("/profile").body())
                .contains("Your password was changed. 3 other session(s) were signed out.");

        // This console session goes on; the other console session and the API session have ended.
        assertThat(console.get("/").statusCode()).isEqualTo(200);
        HttpResponse<String> other = elsewhere.get("/");
        assertThat(other.statusCode()).isEqualTo(302);
        assertThat(location(other)).contains("/login?expired");
        assertThat(new Http(port).get("/api/v1/me", apiToken).status()).isEqualTo(401);
        assertThat(new ConsoleClient(port).login(username, NEW_PASSWORD, null)).isEqualTo("/");
    }

    @Test
    void twoFactorAuthenticationCanBeSetUpAndTurnedOffFromThePage() {
        console.get("/profile");
        HttpResponse<String> started = console.post("/profile/mfa/start", Map.of());
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.body()).contains("src=\"data:image/png;base64,");
        Matcher secretMatch =
                Pattern.compile("data-testid=\"mfa-secret\">([A-Z2-7]+)<").matcher(started.body());
        assertThat(secretMatch.find()).isTrue();
        String secret = secretMatch.group(1);

        HttpResponse<String> wrong = console.post("/profile/mfa/confirm", Map.of("code", "12345"));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("code must be the 6-digit code from the authenticator app");

        long step = TotpCodes.step(Instant.now());
        HttpResponse<String> confirmed =
                console.post("/profile/mfa/confirm", Map.of("code", TotpCodes.at(secret, step)));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        Matcher codeMatch = Pattern.compile("data-testid=\"recovery-code\">([a-z2-7-]{19})<")
                .matcher(confirmed.body());
        while (codeMatch.find()) {
            codes.add(codeMatch.group(1));
        }
        assertThat(codes).hasSize(10);
        assertThat(confirmed.body()).contains("Two-factor authentication is on.");

        String page = console.get("/profile").body();
        assertThat(page)
                .contains("10 recovery codes left")
                .doesNotContain(codes.get(0))
                .doesNotContain(secret);

        HttpResponse<String> regenerated =
                console.post("/profile/mfa/recovery-codes", Map.of("code", TotpCodes.at(secret, step + 1)));
        assertThat(regenerated.statusCode()).isEqualTo(200);
        assertThat(regenerated.body()).contains("New recovery codes were made").doesNotContain(codes.get(0));
        Matcher fresh = Pattern.compile("data-testid=\"recovery-code\">([a-z2-7-]{19})<")
                .matcher(regenerated.body());
        assertThat(fresh.find()).isTrue();

        HttpResponse<String> off = console.post(
                "/profile/mfa/disable", Map.of("currentPassword", Fixtures.PASSWORD, "code", fresh.group(1)));
        assertThat(off.statusCode()).isEqualTo(302);
        assertThat(console.get("/profile").body())
                .contains("Two-factor authentication is off.")
                .contains("data-testid=\"mfa-start\"");
        assertThat(audit.events("mfa.enable", userId)).hasSize(1);
        assertThat(audit.events("mfa.disable", userId)).hasSize(1);
    }
}
