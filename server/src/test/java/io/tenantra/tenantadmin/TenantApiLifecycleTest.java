package io.tenantra.tenantadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.AuditRecorder;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import io.tenantra.tenancy.TenantDirectory;
import io.tenantra.tenancy.TenantSettings;
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

/** Creating, changing, moving, suspending and deleting tenants, each write audited exactly once. */
@ServerTest
class TenantApiLifecycleTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    @Autowired
    AuditRecorder audit;

    @Autowired
    TenantDirectory directory;

    TenantWorld w;
    String msp;
    UUID mspId;

    @BeforeEach
    void setUp() {
        w = new TenantWorld(fx, new Http(port), jdbc, tx);
        msp = w.login(w.mspOnA);
        mspId = UUID.fromString(w.http.get("/api/v1/me", msp).json().get("id").asString());
    }

    /** Exactly one event with this action about this tenant, by the MSP admin, in {@code trail}. */
    private AuditEvent single(String action, UUID target, UUID trail) {
        List<AuditEvent> events = audit.events(action, target);
        assertThat(events).as(action + " events about " + target).hasSize(1);
        AuditEvent event = events.get(0);
        assertThat(event.tenantId()).isEqualTo(trail);
        assertThat(event.targetType()).isEqualTo("tenant");
        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(event.actor().kind()).isEqualTo(Actor.Kind.USER);
        assertThat(event.actor().id()).isEqualTo(mspId);
        assertThat(event.actor().name()).isEqualTo(w.mspOnA);
        return event;
    }

    @Test
    void createReturnsTheTenantWithItsLocationAndAuditsItInTheParentsTrail() {
        String slug = Fixtures.unique("new");
        Http.Response created = w.http.postJson(
                "/api/v1/tenants",
                msp,
                Map.of("name", "New customer", "slug", slug, "parentId", w.a.toString(), "plan", "PRO"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode body = created.json();
        UUID id = UUID.fromString(body.get("id").asString());
        assertThat(created.header("Location")).isEqualTo("/api/v1/tenants/" + id);
        assertThat(body.get("name").asString()).isEqualTo("New customer");
        assertThat(body.get("slug").asString()).isEqualTo(slug);
        assertThat(body.get("parentId").asString()).isEqualTo(w.a.toString());
        assertThat(body.get("plan").asString()).isEqualTo("PRO");
        assertThat(body.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(body.get("settings").get("mfaRequired").asBoolean()).isFalse();
        assertThat(body.get("branding").isEmpty()).isTrue();
        assertThat(body.get("createdBy").asString()).isEqualTo(mspId.toString());
        assertThat(body.get("modifiedBy").asString()).isEqualTo(mspId.toString());
        assertThat(body.get("createdAt").asString())
                .isEqualTo(body.get("modifiedAt").asString());
        assertThat(w.get(msp, id).json()).isEqualTo(body);

        AuditEvent event = single("tenant.create", id, w.a);
        assertThat(event.changes()).containsEntry("slug", slug).containsEntry("plan", "PRO");
        assertThat(audit.about(id)).hasSize(1);
    }

    @Test
    void otherModulesReadTypedSettingsThroughTheDirectory() {
        assertThat(directory.settingsOf(w.c)).isEqualTo(TenantSettings.DEFAULTS);

        w.patch(msp, w.c, Map.of("settings", Map.of("mfaRequired", true, "passwordMinLength", 14)));

        TenantSettings settings = directory.settingsOf(w.c);
        assertThat(settings.mfaRequired()).isTrue();
        assertThat(settings.passwordMinLength()).isEqualTo(14);
        assertThat(settings.sessionTimeoutMinutes()).isNull();
        assertThat(settings.enabledModules()).isNull();
        assertThat(directory.settings(TenantScope.of(w.c), w.c)).isEqualTo(settings);
        // A scope that does not include the tenant sees nothing of it.
        assertThatThrownBy(() -> directory.settings(TenantScope.of(w.b), w.c)).hasMessageContaining("not found");
    }

    @Test
    void thePlanDefaultsToFree() {
        Http.Response created = w.create(msp, w.a, "free");
        assertThat(created.json().get("plan").asString()).isEqualTo("FREE");
    }

    @Test
    void anUpdateRecordsTheChangedFieldsOnce() {
        String before = w.get(msp, w.c).json().get("name").asString();
        Http.Response renamed = w.patch(msp, w.c, Map.of("name", "Renamed", "settings", Map.of("mfaRequired", true)));

        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Renamed");
        assertThat(renamed.json().get("modifiedBy").asString()).isEqualTo(mspId.toString());
        AuditEvent event = single("tenant.update", w.c, w.c);
        assertThat(event.changes()).containsOnlyKeys("name", "settings");
        assertThat(event.changes().get("name")).isEqualTo(Map.of("from", before, "to", "Renamed"));
        assertThat(event.changes().get("settings"))
                .isEqualTo(Map.of("from", Map.of("mfaRequired", false), "to", Map.of("mfaRequired", true)));
        assertThat(audit.about(w.c)).hasSize(1);

        // The same request again changes nothing, so it writes and audits nothing.
        assertThat(w.patch(msp, w.c, Map.of("name", "Renamed")).status()).isEqualTo(200);
        assertThat(audit.about(w.c)).hasSize(1);
    }

    @Test
    void suspendAndReactivateAreAuditedUnderTheirOwnNames() {
        assertThat(w.patch(msp, w.c, Map.of("status", "SUSPENDED"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("SUSPENDED");
        AuditEvent suspend = single("tenant.suspend", w.c, w.c);
        assertThat(suspend.changes()).isEqualTo(Map.of("status", Map.of("from", "ACTIVE", "to", "SUSPENDED")));

        assertThat(w.patch(msp, w.c, Map.of("status", "ACTIVE"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
        single("tenant.reactivate", w.c, w.c);
        assertThat(audit.events("tenant.update", w.c)).isEmpty();
    }

    @Test
    void aPlanChangeIsAnUpdate() {
        w.patch(msp, w.c, Map.of("plan", "ENTERPRISE"));
        AuditEvent event = single("tenant.update", w.c, w.c);
        assertThat(event.changes()).isEqualTo(Map.of("plan", Map.of("from", "PRO", "to", "ENTERPRISE")));
    }

    @Test
    void aMoveTakesTheSubtreeAlongAndIsAudited() {
        UUID target =
                UUID.fromString(w.create(msp, w.a, "target").json().get("id").asString());
        UUID grandchild =
                UUID.fromString(w.create(msp, w.c, "gc").json().get("id").asString());

        Http.Response moved = w.patch(msp, w.c, Map.of("parentId", target.toString()));

        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("parentId").asString()).isEqualTo(target.toString());
        AuditEvent event = single("tenant.move", w.c, w.c);
        assertThat(event.changes())
                .isEqualTo(Map.of("parentId", Map.of("from", w.a.toString(), "to", target.toString())));
        assertThat(audit.events("tenant.update", w.c)).isEmpty();
        // The grandchild came along and is still visible from A's subtree.
        assertThat(w.get(msp, grandchild).json().get("parentId").asString()).isEqualTo(w.c.toString());
        List<String> underTarget = w.http.get("/api/v1/tenants?parentId=" + target, msp)
                .json()
                .get("items")
                .valueStream()
                .map(t -> t.get("id").asString())
                .toList();
        assertThat(underTarget).containsExactly(w.c.toString());
    }

    @Test
    void aMoveNeedsTenantCreateOnTheNewParentToo() {
        // The MSP admin on A may administer C, but B (outside A) is invisible to it: 404.
        Http.Response toSibling = w.patch(msp, w.c, Map.of("parentId", w.b.toString()));
        assertThat(toSibling.status()).isEqualTo(404);
        assertThat(toSibling.json().get("detail").asString()).contains("new parent");
        // A caller who sees the new parent but holds only READONLY there: 403.
        w.bind(w.mspOnA, w.a, w.b, "READONLY");
        String widened = w.login(w.mspOnA);
        assertThat(w.patch(widened, w.c, Map.of("parentId", w.b.toString())).status())
                .isEqualTo(403);
        assertThat(w.get(widened, w.c).json().get("parentId").asString()).isEqualTo(w.a.toString());
        // From P both places are administrable.
        assertThat(w.patch(w.login(w.mspOnP), w.c, Map.of("parentId", w.b.toString()))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deletingAnEmptyTenantIsAuditedInTheParentsTrail() {
        UUID id = UUID.fromString(w.create(msp, w.c, "bye").json().get("id").asString());

        assertThat(w.delete(msp, id).status()).isEqualTo(204);

        AuditEvent event = single("tenant.delete", id, w.c);
        assertThat(event.changes()).containsKeys("name", "slug");
        assertThat(w.get(msp, id).status()).isEqualTo(404);
        assertThat(w.delete(msp, id).status()).isEqualTo(404);
        assertThat(audit.events("tenant.delete", id)).hasSize(1);
    }

    @Test
    void refusedWritesAreAuditedAsDenialsAndWriteNothing() {
        String admin = w.login(w.adminOnA);
        assertThat(w.patch(admin, w.c, Map.of("plan", "FREE")).status()).isEqualTo(403);

        assertThat(audit.events("tenant.update", w.c)).isEmpty();
        List<AuditEvent> denied = audit.events("access.denied", w.c);
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0).outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
    }

    @Test
    void paginationWalksEveryTenantExactlyOnceInSlugOrder() {
        UUID top = fx.tenant(fx.root(), "page");
        String reader = w.login(fx.user(top, "READONLY"));
        for (int i = 0; i < 7; i++) {
            fx.tenant(top, "k" + i);
        }

        for (int limit : new int[] {1, 3, 4, 8, 500}) {
            List<String> slugs = new ArrayList<>();
            int pages = 0;
            String cursor = null;
            do {
                Http.Response page = w.http.get(
                        "/api/v1/tenants?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), reader);
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                JsonNode body = page.json();
                assertThat(body.get("items").size()).isLessThanOrEqualTo(limit).isPositive();
                body.get("items")
                        .valueStream()
                        .forEach(t -> slugs.add(t.get("slug").asString()));
                cursor = body.get("nextCursor").isNull()
                        ? null
                        : body.get("nextCursor").asString();
                pages++;
            } while (cursor != null);

            assertThat(slugs)
                    .as("limit " + limit)
                    .hasSize(8)
                    .doesNotHaveDuplicates()
                    .isSorted();
            assertThat(pages).as("limit " + limit).isEqualTo((8 + limit - 1) / limit);
        }
        // The default page holds them all; filtering by parent leaves the children only.
        assertThat(w.http.get("/api/v1/tenants", reader).json().get("items").size())
                .isEqualTo(8);
        assertThat(w.http.get("/api/v1/tenants?parentId=" + top, reader)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(7);
    }
}
