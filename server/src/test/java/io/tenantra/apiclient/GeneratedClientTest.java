package io.tenantra.apiclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.apiclient.generated.ApiClient;
import io.tenantra.apiclient.generated.ApiException;
import io.tenantra.apiclient.generated.api.AgentsApi;
import io.tenantra.apiclient.generated.api.ApiKeysApi;
import io.tenantra.apiclient.generated.api.AuthenticationApi;
import io.tenantra.apiclient.generated.api.TenantsApi;
import io.tenantra.apiclient.generated.model.ApiKeyCreateRequest;
import io.tenantra.apiclient.generated.model.CreatedKey;
import io.tenantra.apiclient.generated.model.EnrollmentTokenCreateRequest;
import io.tenantra.apiclient.generated.model.LoginRequest;
import io.tenantra.apiclient.generated.model.PageResponseTenantView;
import io.tenantra.apiclient.generated.model.TenantView;
import io.tenantra.apiclient.generated.model.TokenPair;
import io.tenantra.apiclient.generated.model.TokenView;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Java client that the build generates from {@code docs/openapi.json} (into {@code target/},
 * see server/pom.xml) works against the running server: what a customer's generated client would
 * do, end to end, with each of the two user security schemes.
 */
@ServerTest
class GeneratedClientTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Test
    void logsInListsTenantsAndCreatesAndReadsBackAnEnrollmentToken() throws ApiException {
        UUID customer = fx.tenant(fx.root(), "client");
        TokenPair tokens = new AuthenticationApi(client(null))
                .loginAuth(new LoginRequest().username("admin").password(Http.ADMIN_PASSWORD));
        assertThat(tokens.getTokenType()).isEqualTo("Bearer");
        ApiClient api = client(tokens.getAccessToken());

        // Other tests add tenants to the same server, so page through as a client would.
        List<TenantView> tenants = new ArrayList<>();
        String cursor = null;
        do {
            PageResponseTenantView page = new TenantsApi(api).listTenants(fx.root(), cursor, 100);
            tenants.addAll(page.getItems());
            cursor = page.getNextCursor();
        } while (cursor != null);
        TenantView listed = tenants.stream()
                .filter(t -> t.getId().equals(customer))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getSlug()).startsWith("client-");
        assertThat(listed.getPlan()).isEqualTo(TenantView.PlanEnum.PRO);

        AgentsApi agents = new AgentsApi(api);
        Map<String, Object> created = agents.createEnrollmentToken(
                customer,
                new EnrollmentTokenCreateRequest()
                        .name("Berlin office laptops")
                        .maxUses(25)
                        .tags(Map.of("site", "berlin")));
        assertThat((String) created.get("token")).isNotBlank();
        UUID id = UUID.fromString((String) created.get("id"));

        TokenView read = agents.getEnrollmentToken(customer, id);
        assertThat(read.getName()).isEqualTo("Berlin office laptops");
        assertThat(read.getMaxUses()).isEqualTo(25);
        assertThat(read.getUses()).isZero();
        assertThat(read.getTags()).containsEntry("site", "berlin");
        assertThat(agents.listEnrollmentToken(customer, 50, null).getItems())
                .extracting(TokenView::getId)
                .containsExactly(id);
    }

    @Test
    void anApiKeyCreatedThroughTheClientAuthenticatesIt() throws ApiException {
        UUID customer = fx.tenant(fx.root(), "client-key");
        String access = new AuthenticationApi(client(null))
                .loginAuth(new LoginRequest().username("admin").password(Http.ADMIN_PASSWORD))
                .getAccessToken();
        CreatedKey key = new ApiKeysApi(client(access))
                .createApiKey(
                        customer,
                        new ApiKeyCreateRequest().name("inventory export").permissions(List.of("AGENT_READ")));
        assertThat(key.getKey()).startsWith("tnk_");

        AgentsApi withKey = new AgentsApi(client(key.getKey()));
        assertThat(withKey.listEnrollmentToken(customer, null, null).getItems()).isEmpty();
        // The key holds AGENT_READ only: creating a token needs AGENT_WRITE.
        assertThatThrownBy(() ->
                        withKey.createEnrollmentToken(customer, new EnrollmentTokenCreateRequest().name("not allowed")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }

    @Test
    void withoutATokenTheClientGets401WithAProblem() {
        assertThatThrownBy(() -> new TenantsApi(client(null)).listTenants(null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(401);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                    assertThat(e.getResponseBody()).contains("urn:tenantra:problem:unauthenticated");
                });
    }

    /** A generated client pointed at this server, sending {@code bearer} when there is one. */
    private ApiClient client(String bearer) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        client.setConnectTimeout(Duration.ofSeconds(5));
        client.setReadTimeout(Duration.ofSeconds(30));
        if (bearer != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + bearer));
        }
        return client;
    }
}
