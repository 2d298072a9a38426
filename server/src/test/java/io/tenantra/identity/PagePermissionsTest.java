package io.tenantra.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import io.tenantra.platform.web.PublicEndpoint;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The console's half of {@link EndpointPermissionsTest}: every page (every handler mapping that
 * is not the API, the agent protocol, actuator or a static resource) declares who may open it,
 * exactly once, and the declaration matches what happens. An anonymous browser is sent to the
 * login page from every protected page; a signed-in user who holds the declared permission on no
 * tenant (or, on a {@code {tenantId}} page, not on that tenant) gets the 403 error page; pages for
 * any signed-in user never refuse one. For pages, {@link RequiresPermission} means "on at least one
 * tenant" unless the path names the tenant; the handler then checks the tenant it was given.
 */
@ServerTest
class PagePermissionsTest {

    /** Mappings outside the API that are not pages anyone opens, each with the reason. */
    private static final Set<String> ALLOW_LIST = Set.of(
            "GET /error", // the servlet container's error dispatch (platform.web.ProblemErrorController)
            "POST /error",
            "PUT /error",
            "DELETE /error",
            "PATCH /error",
            "HEAD /error",
            "OPTIONS /error",
            "TRACE /error");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    Fixtures fixtures;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    @LocalServerPort
    int port;

    private UUID home;
    private String permissionless;

    private record Page(String method, String path, HandlerMethod handler) {
        String key() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void userWithoutAnyPagePermission() {
        home = fixtures.tenant(fixtures.root(), "pages");
        String role = "billing-only";
        Timestamp now = Timestamp.from(Instant.now());
        // BILLING_READ guards no page, so this user holds none of the permissions pages declare.
        tx.write(
                TenantScope.of(home),
                () -> jdbc.sql("INSERT INTO custom_role (id, tenant_id, name, permissions, created_at, modified_at)"
                                + " VALUES (?, ?, ?, '{BILLING_READ}'::text[], ?, ?)")
                        .params(UUID.randomUUID(), home, role, now, now)
                        .update());
        permissionless = fixtures.user(home, role);
    }

    private List<Page> pages() {
        List<Page> pages = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            for (String path : entry.getKey().getPatternValues()) {
                if (path.startsWith("/api/") || path.startsWith("/.well-known/") || path.startsWith("/actuator")) {
                    continue;
                }
                var methods = entry.getKey().getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE")) {
                        pages.add(new Page(method, path, entry.getValue()));
                    }
                }
                methods.forEach(m -> pages.add(new Page(m.name(), path, entry.getValue())));
            }
        }
        return pages.stream().filter(p -> !ALLOW_LIST.contains(p.key())).toList();
    }

    private static int declarations(HandlerMethod handler) {
        int count = 0;
        count += handler.hasMethodAnnotation(RequiresPermission.class) ? 1 : 0;
        count += handler.hasMethodAnnotation(AuthenticatedEndpoint.class) ? 1 : 0;
        count += handler.hasMethodAnnotation(PublicEndpoint.class) ? 1 : 0;
        return count;
    }

    private HttpResponse<String> call(ConsoleClient client, Page page, UUID tenant) {
        String path = page.path()
                .replace("{tenantId}", tenant.toString())
                .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        return page.method().equals("GET") ? client.get(path) : client.post(path, Map.of());
    }

    @Test
    void everyPageDeclaresExactlyOneAccessRule() {
        List<String> undeclared = pages().stream()
                .filter(p -> declarations(p.handler()) != 1)
                .map(Page::key)
                .toList();
        assertThat(undeclared)
                .as("pages without exactly one access declaration")
                .isEmpty();
        assertThat(pages())
                .extracting(Page::key)
                .contains("GET /", "GET /login", "GET /agents", "GET /audit-logs", "GET /tenants", "GET /users");
    }

    @Test
    void anonymousBrowsersAreSentToTheLoginPageFromEveryProtectedPage() {
        ConsoleClient anonymous = new ConsoleClient(port);
        anonymous.get("/login"); // a session and a CSRF token, so POSTs reach the authorization check
        List<String> mismatches = new ArrayList<>();
        for (Page page : pages()) {
            HttpResponse<String> response = call(anonymous, page, UUID.randomUUID());
            boolean toLogin = response.statusCode() == 302
                    && URI.create(response.headers().firstValue("Location").orElse("/"))
                            .getPath()
                            .equals("/login");
            boolean isPublic = page.handler().hasMethodAnnotation(PublicEndpoint.class);
            if (isPublic == toLogin || (isPublic && response.statusCode() != 200)) {
                mismatches.add(page.key() + " -> " + response.statusCode()
                        + (isPublic ? " (declared public)" : " (declared protected)"));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void signedInUsersWithoutThePermissionGetTheForbiddenPage() {
        ConsoleClient console = new ConsoleClient(port);
        console.login(permissionless, Fixtures.PASSWORD, null);
        console.get("/"); // the CSRF token of the signed-in session
        List<String> mismatches = new ArrayList<>();
        for (Page page : pages()) {
            if (page.handler().hasMethodAnnotation(PublicEndpoint.class)) {
                continue;
            }
            HttpResponse<String> response = call(console, page, home);
            boolean protectedPage = page.handler().hasMethodAnnotation(RequiresPermission.class);
            boolean forbiddenPage =
                    response.statusCode() == 403 && response.body().contains("data-testid=\"error-hint\"");
            boolean toLogin = response.statusCode() == 302
                    && response.headers().firstValue("Location").orElse("").endsWith("/login");
            if (protectedPage != forbiddenPage || toLogin) {
                mismatches.add(page.key() + " -> " + response.statusCode()
                        + (protectedPage
                                ? " (declared " + permission(page) + ")"
                                : " (declared for anyone signed in)"));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static Permission permission(Page page) {
        return page.handler().getMethodAnnotation(RequiresPermission.class).value();
    }
}
