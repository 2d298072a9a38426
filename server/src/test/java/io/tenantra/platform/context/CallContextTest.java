package io.tenantra.platform.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.platform.audit.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CallContextTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aCallMayNotActOnATenantOutsideItsScope() {
        assertThatThrownBy(
                        () -> new CallContext(TenantScope.of(A), B, Actor.user(UUID.randomUUID(), "u"), null, null, T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside the call's scope");
    }

    @Test
    void everyFactIsRequiredButTheOriginDefaultsToNone() {
        assertThatThrownBy(() -> new CallContext(null, A, Actor.system("x"), null, null, T))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CallContext(TenantScope.of(A), A, null, null, null, T))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new CallContext(TenantScope.of(A), A, Actor.system("x"), null, null, null))
                .isInstanceOf(NullPointerException.class);
        assertThat(new CallContext(TenantScope.of(A), A, Actor.system("x"), null, null, T).origin())
                .isEqualTo(Origin.NONE);
    }

    @Test
    void aJobActsAsANamedSystemActorAtTheClocksTime() {
        CallContext call = CallContext.system("offline-detector", A, Clock.fixed(T, ZoneOffset.UTC));
        assertThat(call.actor().kind()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(call.actor().name()).isEqualTo("offline-detector");
        assertThat(call.scope().tenantIds()).containsExactly(A);
        assertThat(call.at()).isEqualTo(T);
        assertThat(call.userId()).isNull();
        assertThat(call.origin()).isEqualTo(Origin.NONE);
    }

    @Test
    void onAnotherTenantKeepsWhoWhereAndWhenButNarrowsTheScope() {
        UUID user = UUID.randomUUID();
        Origin origin = new Origin("req-1", "127.0.0.1", "curl/8");
        CallContext call = new CallContext(TenantScope.of(Set.of(A, B)), A, Actor.user(user, "alice"), user, origin, T);
        CallContext onB = call.onTenant(B);
        assertThat(onB.tenantId()).isEqualTo(B);
        assertThat(onB.scope().tenantIds()).containsExactly(B);
        assertThat(onB.actor()).isEqualTo(call.actor());
        assertThat(onB.origin()).isEqualTo(origin);
        assertThat(onB.at()).isEqualTo(T);
    }

    @Test
    void theImpersonatorIsTheRealPersonBehindTheActor() {
        UUID admin = UUID.randomUUID();
        Actor actingAs = new Actor(Actor.Kind.USER, UUID.randomUUID(), "bob", admin, "root-admin");
        CallContext call = new CallContext(TenantScope.of(A), A, actingAs, actingAs.id(), null, T);
        assertThat(call.impersonator()).isEqualTo(Actor.user(admin, "root-admin"));
        assertThat(new CallContext(TenantScope.of(A), A, Actor.system("x"), null, null, T).impersonator())
                .isNull();
    }

    @Test
    void overlongUserAgentsAreCut() {
        assertThat(new Origin("r", "ip", "x".repeat(2000)).userAgent()).hasSize(Origin.MAX_USER_AGENT);
    }
}
