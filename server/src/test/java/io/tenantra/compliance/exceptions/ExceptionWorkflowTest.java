package io.tenantra.compliance.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.TestAssets;
import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.platform.context.CallContext;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.MovableClockServerTest;
import io.tenantra.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The exception workflow through the real API: request, approval by someone else, rejection,
 * revocation, expiry with the clock, each scope as scoring sees it, and the events and audit
 * records every change leaves.
 */
@MovableClockServerTest
class ExceptionWorkflowTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditRecorder audit;

    @Autowired
    ExceptionLookup lookup;

    @Autowired
    ExceptionExpiry expiry;

    @Autowired
    ExceptionEventLog eventLog;

    Http http;
    UUID tenant;
    List<String> usernames;
    String admin;
    String secondAdmin;
    String analyst;
    String readonly;

    @BeforeEach
    void world() {
        clock.advance(Duration.ofMinutes(2)); // past the login rate-limit window of earlier tests
        http = new Http(port);
        tenant = fx.tenant(fx.root(), "exceptions");
        usernames = List.of(
                fx.user(tenant, "ADMIN"),
                fx.user(tenant, "ADMIN"),
                fx.user(tenant, "ANALYST"),
                fx.user(tenant, "READONLY"));
        logIn();
    }

    /** Fresh access tokens for everyone (after the clock moved past their lifetime). */
    private void logIn() {
        admin = http.login(usernames.get(0), Fixtures.PASSWORD);
        secondAdmin = http.login(usernames.get(1), Fixtures.PASSWORD);
        analyst = http.login(usernames.get(2), Fixtures.PASSWORD);
        readonly = http.login(usernames.get(3), Fixtures.PASSWORD);
    }

    private String base() {
        return "/api/v1/tenants/" + tenant + "/compliance/exceptions";
    }

    private Map<String, Object> tenantWide(String check) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkId", check);
        body.put("scope", "tenant");
        body.put("kind", "ACCEPT");
        body.put("reason", "Compensating control: the firewall blocks this port at the edge.");
        body.put("expiresAt", clock.instant().plus(Duration.ofDays(30)).toString());
        return body;
    }

    private JsonNode requested(String token, Map<String, Object> body) {
        Http.Response response = http.postJson(base(), token, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private Http.Response decide(String token, String id, String step) {
        return http.postJson(base() + "/" + id + "/" + step, token, Map.of("note", "looked at it"));
    }

    private CallContext system() {
        return CallContext.system("test", tenant, clock);
    }

    @Test
    void anotherUserApprovesAndTheExceptionCountsUntilRevoked() {
        long eventsBefore = eventLog.count(tenant);
        JsonNode created = requested(analyst, tenantWide("tn-linux-ssh-root-login"));
        String id = created.get("id").asString();
        assertThat(created.get("state").asString()).isEqualTo("pending");
        assertThat(created.get("scope").asString()).isEqualTo("tenant");
        assertThat(lookup.activeFor(system(), tenant).exceptions()).isEmpty();

        Http.Response approved = decide(admin, id, "approve");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asString()).isEqualTo("approved");
        assertThat(eventLog.count(tenant)).isEqualTo(eventsBefore + 1);

        ExceptionSet active = lookup.activeFor(system(), tenant);
        assertThat(active.exceptions()).extracting(ActiveException::id).containsExactly(UUID.fromString(id));
        assertThat(active.applying(tenant, UUID.randomUUID(), Map.of(), "tn-linux-ssh-root-login", Verdict.FAIL))
                .isPresent();
        assertThat(active.applying(tenant, UUID.randomUUID(), Map.of(), "tn-linux-ssh-root-login", Verdict.PASS))
                .isEmpty();

        Http.Response revoked = decide(secondAdmin, id, "revoke");
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("state").asString()).isEqualTo("revoked");
        assertThat(eventLog.count(tenant)).isEqualTo(eventsBefore + 2);
        assertThat(lookup.activeFor(system(), tenant).exceptions()).isEmpty();
        assertThat(decide(admin, id, "revoke").status()).isEqualTo(409);

        JsonNode one = http.get(base() + "/" + id, readonly).json();
        assertThat(one.get("history").valueStream().map(h -> h.get("action").asString()))
                .containsExactly("requested", "approved", "revoked");
        assertThat(one.get("decidedBy").asString()).startsWith("admin-");
        assertThat(audit.events("compliance.exception.requested", id)).hasSize(1);
        assertThat(audit.events("compliance.exception.approved", id)).hasSize(1);
        assertThat(audit.events("compliance.exception.revoked", id)).hasSize(1);
    }

    @Test
    void theRequesterCannotApproveOrRejectTheirOwnRequest() {
        String id = requested(admin, tenantWide("tn-linux-aide")).get("id").asString();
        Http.Response own = decide(admin, id, "approve");
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().get("detail").asString()).contains("someone other than the user who requested it");
        assertThat(decide(admin, id, "reject").status()).isEqualTo(403);
        assertThat(http.get(base() + "/" + id, admin).json().get("state").asString())
                .isEqualTo("pending");
        assertThat(audit.events("compliance.exception.approved", id)).isEmpty();

        Http.Response rejected = decide(secondAdmin, id, "reject");
        assertThat(rejected.json().get("state").asString()).isEqualTo("rejected");
        assertThat(decide(admin, id, "approve").status()).isEqualTo(409);
        assertThat(audit.events("compliance.exception.rejected", id)).hasSize(1);
    }

    @Test
    void permissionsSplitRequestingFromApproving() {
        assertThat(http.postJson(base(), readonly, tenantWide("tn-x")).status()).isEqualTo(403);
        String id = requested(admin, tenantWide("tn-x")).get("id").asString();
        assertThat(decide(analyst, id, "approve").status()).isEqualTo(403);
        assertThat(http.get(base() + "/" + id, readonly).status()).isEqualTo(200);
    }

    @Test
    void anApprovedExceptionExpiresWithTheClockAndIsAnnouncedOnce() {
        Map<String, Object> body = tenantWide("tn-linux-cron-perms");
        body.put("expiresAt", clock.instant().plus(Duration.ofHours(1)).toString());
        String id = requested(analyst, body).get("id").asString();
        decide(admin, id, "approve");
        assertThat(lookup.activeFor(system(), tenant).exceptions()).hasSize(1);
        long eventsBefore = eventLog.count(tenant);

        clock.advance(Duration.ofHours(2));
        logIn();
        assertThat(http.get(base() + "/" + id, readonly).json().get("state").asString())
                .isEqualTo("expired");
        assertThat(lookup.activeFor(system(), tenant).exceptions()).isEmpty();

        expiry.announce(clock.instant());
        expiry.announce(clock.instant()); // a second sweep (another node) announces nothing more
        assertThat(audit.events("compliance.exception.expired", id)).hasSize(1);
        assertThat(eventLog.count(tenant)).isEqualTo(eventsBefore + 1);
        JsonNode history = http.get(base() + "/" + id, readonly).json().get("history");
        assertThat(history.valueStream().map(h -> h.get("action").asString()))
                .containsExactly("requested", "approved", "expired");
        assertThat(decide(secondAdmin, id, "revoke").status()).isEqualTo(409);

        // A pending request that ran out can no longer be approved.
        Map<String, Object> shortOne = tenantWide("tn-linux-other");
        shortOne.put("expiresAt", clock.instant().plus(Duration.ofMinutes(5)).toString());
        String pending = requested(analyst, shortOne).get("id").asString();
        clock.advance(Duration.ofMinutes(10));
        logIn();
        Http.Response late = decide(admin, pending, "approve");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("detail").asString()).contains("expired");
    }

    @Test
    void eachScopeCoversWhatItNames() {
        UUID web1 = TestAssets.enroll(http, admin, tenant, Map.of("role", "web"));
        UUID db1 = TestAssets.enroll(http, admin, tenant, Map.of("role", "db"));

        Map<String, Object> asset = tenantWide("tn-asset-check");
        asset.put("scope", "asset");
        asset.put("assetId", web1.toString());
        Map<String, Object> tag = tenantWide("tn-tag-check");
        tag.put("scope", "tag");
        tag.put("tagKey", "role");
        tag.put("tagValue", "db");
        Map<String, Object> override = tenantWide("tn-override-check");
        override.put("kind", "OVERRIDE");
        override.put("overrideTo", "FAIL");
        for (Map<String, Object> body : List.of(asset, tag, override)) {
            String id = requested(analyst, body).get("id").asString();
            assertThat(decide(admin, id, "approve").status()).isEqualTo(200);
        }
        ExceptionSet active = lookup.activeFor(system(), tenant);
        Map<String, String> webTags = Map.of("role", "web");
        Map<String, String> dbTags = Map.of("role", "db");

        assertThat(active.applying(tenant, web1, webTags, "tn-asset-check", Verdict.FAIL))
                .isPresent();
        assertThat(active.applying(tenant, db1, dbTags, "tn-asset-check", Verdict.FAIL))
                .isEmpty();
        assertThat(active.applying(tenant, db1, dbTags, "tn-tag-check", Verdict.FAIL))
                .isPresent();
        assertThat(active.applying(tenant, web1, webTags, "tn-tag-check", Verdict.FAIL))
                .isEmpty();
        var overridden = active.applying(tenant, web1, webTags, "tn-override-check", Verdict.NOT_APPLICABLE);
        assertThat(overridden).isPresent();
        assertThat(overridden.get().overrideTo()).isEqualTo(Verdict.FAIL);
        assertThat(active.applying(tenant, web1, webTags, "tn-override-check", Verdict.FAIL))
                .isEmpty();

        // Lists narrow by state, check and asset.
        JsonNode byAsset = http.get(base() + "?assetId=" + web1, readonly).json();
        assertThat(byAsset.get("items").valueStream().map(i -> i.get("checkId").asString()))
                .containsExactly("tn-asset-check");
        JsonNode byCheck = http.get(base() + "?checkId=tn-tag-check&state=approved", readonly)
                .json();
        assertThat(byCheck.get("items")).hasSize(1);
        assertThat(http.get(base() + "?state=pending", readonly).json().get("items"))
                .isEmpty();
    }

    @Test
    void listsPageNewestFirst() {
        for (int i = 0; i < 3; i++) {
            requested(analyst, tenantWide("tn-page-" + i));
            clock.advance(Duration.ofSeconds(1));
        }
        JsonNode first = http.get(base() + "?limit=2", readonly).json();
        assertThat(first.get("items").valueStream().map(i -> i.get("checkId").asString()))
                .containsExactly("tn-page-2", "tn-page-1");
        String cursor = first.get("nextCursor").asString();
        JsonNode second =
                http.get(base() + "?limit=2&cursor=" + cursor, readonly).json();
        assertThat(second.get("items").valueStream().map(i -> i.get("checkId").asString()))
                .containsExactly("tn-page-0");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void anotherTenantsExceptionIsNotFound() {
        String id = requested(analyst, tenantWide("tn-mine")).get("id").asString();
        UUID other = fx.tenant(fx.root(), "exceptions-other");
        String otherAdmin = http.login(fx.user(other, "ADMIN"), Fixtures.PASSWORD);
        String otherBase = "/api/v1/tenants/" + other + "/compliance/exceptions/" + id;
        assertThat(http.get(otherBase, otherAdmin).status()).isEqualTo(404);
        assertThat(http.postJson(otherBase + "/approve", otherAdmin, Map.of()).status())
                .isEqualTo(404);
        assertThat(http.get(base() + "/" + id, otherAdmin).status()).isEqualTo(404);
        assertThat(lookup.activeFor(CallContext.system("test", other, clock), tenant)
                        .exceptions())
                .isEmpty();
    }

    @Test
    void badInputIsRefusedWithEveryFieldNamed() {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkId", "Not A Check");
        body.put("scope", "galaxy");
        body.put("kind", "IGNORE");
        body.put("reason", " ");
        body.put("expiresAt", now.minusSeconds(1).toString());
        Http.Response response = http.postJson(base(), analyst, body);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("checkId", "scope", "kind", "reason", "expiresAt");

        Map<String, Object> tooLong = tenantWide("tn-long");
        tooLong.put("reason", "🙂".repeat(ComplianceExceptions.MAX_REASON + 1));
        tooLong.put("expiresAt", now.plus(Duration.ofDays(400)).toString());
        assertThat(fields(http.postJson(base(), analyst, tooLong))).containsExactlyInAnyOrder("reason", "expiresAt");
        Map<String, Object> fits = tenantWide("tn-long");
        fits.put("reason", "🙂".repeat(ComplianceExceptions.MAX_REASON));
        assertThat(http.postJson(base(), analyst, fits).status()).isEqualTo(201);

        Map<String, Object> missingExpiry = tenantWide("tn-x");
        missingExpiry.remove("expiresAt");
        assertThat(fields(http.postJson(base(), analyst, missingExpiry))).containsExactly("expiresAt");

        UUID other = fx.tenant(fx.root(), "exceptions-foreign");
        String otherAdmin = http.login(fx.user(other, "ADMIN"), Fixtures.PASSWORD);
        UUID foreignAsset = TestAssets.enroll(http, otherAdmin, other, Map.of());
        Map<String, Object> foreign = tenantWide("tn-x");
        foreign.put("scope", "asset");
        foreign.put("assetId", foreignAsset.toString());
        assertThat(fields(http.postJson(base(), analyst, foreign))).containsExactly("assetId");

        Map<String, Object> mixed = tenantWide("tn-x");
        mixed.put("scope", "tag");
        mixed.put("tagKey", "bad key!");
        mixed.put("tagValue", "x");
        mixed.put("assetId", foreignAsset.toString());
        assertThat(fields(http.postJson(base(), analyst, mixed))).containsExactlyInAnyOrder("tagKey", "assetId");

        Map<String, Object> overrideWithout = tenantWide("tn-x");
        overrideWithout.put("kind", "OVERRIDE");
        assertThat(fields(http.postJson(base(), analyst, overrideWithout))).containsExactly("overrideTo");

        assertThat(http.postJson(base(), analyst, "{\"checkId\": [1]}").status())
                .isIn(400, 422);
        assertThat(http.get(base() + "?state=forgotten", readonly).status()).isEqualTo(422);
        assertThat(http.get(base() + "?cursor=nonsense", readonly).status()).isEqualTo(422);
        assertThat(http.get(base() + "/not-a-uuid", readonly).status()).isIn(400, 404, 422);
        assertThat(http.get(base() + "/" + UUID.randomUUID(), readonly).status())
                .isEqualTo(404);
    }

    private static List<String> fields(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        return response.json()
                .get("errors")
                .valueStream()
                .map(e -> e.get("field").asString())
                .toList();
    }
}
