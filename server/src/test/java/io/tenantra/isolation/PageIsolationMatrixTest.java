package io.tenantra.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.support.ConsoleClient;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The isolation matrix for console pages: every tenant-scoped page × (own tenant, child, sibling,
 * parent) × (each built-in role, no session) answers as the API would. A signed-in user holding
 * the page's permission gets the page (200) on A and A1 and the not-found page on B and P, which
 * no binding reaches; one holding it nowhere gets the forbidden page; a browser without a session
 * is sent to the login page. A tenant named in the path is checked before the permission, as on
 * the API, so there the invisible tenants answer 404 whatever the role. Same world as {@link TenantIsolationMatrixTest}: every principal is
 * bound on A with its subtree. Pages are discovered from the running server; a page that declares
 * a permission and has no probe here fails the build.
 *
 * <p>Pages that change something (POST) are not probed here: their declaration is checked by
 * {@code PagePermissionsTest}, and the facades they call are the API's, whose tenant checks the
 * API matrix covers.
 */
@ServerTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageIsolationMatrixTest {

    /** Permission-guarded read pages that take no tenant, each with the reason. */
    private static final Set<String> NOT_TENANT_SCOPED = Set.of(
            "GET /tenants", // the tree of every tenant the caller may read; no tenant is chosen
            "GET /msp/clients", // one row per customer the caller may read; no tenant is chosen
            "GET /platform" // the server itself, platform operators only (PlatformPageTest)
            );

    /** Read pages that need data this world does not build, each with the reason. */
    private static final Set<String> NOT_PROBED = Set.of(
            "GET /agents/{id}/modules/{module}" // needs a module result uploaded by a running agent
            );

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fx;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<String, UUID> targets = new LinkedHashMap<>();
    private final Map<String, Principal> principals = new LinkedHashMap<>();
    private final Map<UUID, Resources> resources = new LinkedHashMap<>();
    private final Map<String, Function<UUID, String>> probes = new LinkedHashMap<>();
    /** Lists probed a second time in the "all my tenants" scope, which must answer as the page does. */
    private final Map<String, Function<UUID, String>> subtreeProbes = new LinkedHashMap<>();

    private final Map<UUID, String> exceptionIds = new LinkedHashMap<>();
    private final Map<UUID, String> evaluationIds = new LinkedHashMap<>();
    private final Map<UUID, String> scheduleIds = new LinkedHashMap<>();

    /** A console session (null: none) and what it holds on A and its subtree. */
    private record Principal(String name, ConsoleClient console, Set<Permission> permissions) {}

    /** What exists in a target tenant for the detail pages to show. */
    private record Resources(String agent, String scan, String event, String role, String user) {}

    @BeforeAll
    void buildTheWorld() {
        Http http = new Http(port);
        String adminToken = http.loginAdmin();
        Probes api = new Probes(http, adminToken, fx);
        ComplianceExceptionProbes exceptionsApi = new ComplianceExceptionProbes(http, adminToken);
        SchedulingProbes schedulingApi = new SchedulingProbes(http, adminToken);
        UUID parent = fx.tenant(fx.root(), "pages-p");
        UUID own = fx.tenant(parent, "pages-a");
        UUID child = fx.tenant(own, "pages-a1");
        UUID sibling = fx.tenant(parent, "pages-b");
        targets.put("own", own);
        targets.put("child", child);
        targets.put("sibling", sibling);
        targets.put("parent", parent);
        for (UUID target : targets.values()) {
            resources.put(
                    target,
                    new Resources(
                            api.enrolledAgent(target),
                            api.adminStartsScan(target),
                            api.adminAuditedEvent(target),
                            api.adminCreatesRole(target),
                            fx.userId(fx.user(target, "READONLY")).toString()));
            exceptionIds.put(target, exceptionsApi.adminRequests(target));
            evaluationIds.put(target, api.adminReEvaluates(target));
            scheduleIds.put(target, schedulingApi.adminCreatesSchedule(target, true));
        }
        for (BuiltInRole role : BuiltInRole.values()) {
            ConsoleClient console = new ConsoleClient(port);
            console.login(fx.user(own, role.name()), Fixtures.PASSWORD, null);
            principals.put(role.name(), new Principal(role.name(), console, role.permissions()));
        }
        principals.put("ANONYMOUS", new Principal("ANONYMOUS", new ConsoleClient(port), Set.of()));

        probes.put("GET /agents", t -> "/agents?tenant=" + t);
        probes.put("GET /agents/rows", t -> "/agents/rows?tenant=" + t);
        probes.put("GET /agents/{id}", t -> "/agents/" + resources.get(t).agent() + "?tenant=" + t);
        probes.put(
                "GET /agents/{id}/scan-progress",
                t -> "/agents/" + resources.get(t).agent() + "/scan-progress?scan="
                        + resources.get(t).scan() + "&tenant=" + t);
        probes.put("GET /enrollment-tokens", t -> "/enrollment-tokens?tenant=" + t);
        probes.put("GET /scans", t -> "/scans?tenant=" + t);
        probes.put("GET /scans/rows", t -> "/scans/rows?tenant=" + t);
        probes.put("GET /scans/{id}", t -> "/scans/" + resources.get(t).scan() + "?tenant=" + t);
        probes.put("GET /scans/{id}/progress", t -> "/scans/" + resources.get(t).scan() + "/progress?tenant=" + t);
        probes.put(
                "GET /scans/{id}/export.csv", t -> "/scans/" + resources.get(t).scan() + "/export.csv?tenant=" + t);
        probes.put("GET /audit-logs", t -> "/audit-logs?tenant=" + t);
        // "Load more" needs a cursor; a stale one is shown as a message, after the tenant check.
        probes.put("GET /audit-logs/rows", t -> "/audit-logs/rows?cursor=stale&tenant=" + t);
        probes.put("GET /audit-logs/verify", t -> "/audit-logs/verify?tenant=" + t);
        probes.put("GET /audit-logs/export", t -> "/audit-logs/export?tenant=" + t);
        probes.put(
                "GET /audit-logs/{tenantId}/{eventId}",
                t -> "/audit-logs/" + t + "/" + resources.get(t).event());
        probes.put("GET /tenants/{tenantId}", t -> "/tenants/" + t);
        probes.put("GET /api-keys", t -> "/api-keys?tenant=" + t);
        probes.put("GET /impersonate", t -> "/impersonate?tenant=" + t);
        probes.put("GET /users", t -> "/users?tenant=" + t);
        probes.put("GET /users/{id}/edit", t -> "/users/" + resources.get(t).user() + "/edit?tenant=" + t);
        probes.put("GET /roles", t -> "/roles?tenant=" + t);
        probes.put("GET /roles/{id}/edit", t -> "/roles/" + resources.get(t).role() + "/edit?tenant=" + t);
        probes.put("GET /compliance", t -> "/compliance?tenant=" + t);
        probes.put("GET /compliance/results", t -> "/compliance/results?tenant=" + t);
        probes.put(
                "GET /compliance/results/{agentId}/{checkId}",
                t -> "/compliance/results/" + fx.complianceResult(t, "probe-check", "FAIL") + "/probe-check?tenant="
                        + t);
        probes.put(
                "GET /compliance/frameworks/{frameworkId}", t -> "/compliance/frameworks/nist-800-53-r5?tenant=" + t);
        probes.put(
                "GET /compliance/frameworks/{frameworkId}/controls/{controlId}",
                t -> "/compliance/frameworks/nist-800-53-r5/controls/AC-2?tenant=" + t);
        probes.put("GET /compliance/library", t -> "/compliance/library?tenant=" + t);
        probes.put(
                "GET /compliance/library/evaluations/{id}",
                t -> "/compliance/library/evaluations/" + evaluationIds.get(t) + "?tenant=" + t);
        probes.put("GET /compliance/exceptions", t -> "/compliance/exceptions?tenant=" + t);
        probes.put("GET /schedules", t -> "/schedules?tenant=" + t);
        probes.put("GET /schedules/calendar", t -> "/schedules/calendar?tenant=" + t);
        probes.put("GET /schedules/blackouts", t -> "/schedules/blackouts?tenant=" + t);
        probes.put("GET /schedules/{id}", t -> "/schedules/" + scheduleIds.get(t) + "?tenant=" + t);
        probes.put("GET /scan-profiles", t -> "/scan-profiles?tenant=" + t);
        probes.put(
                "GET /compliance/exceptions/{id}",
                t -> "/compliance/exceptions/" + exceptionIds.get(t) + "?tenant=" + t);
        probeSubtree(
                "GET /agents",
                "GET /agents/rows",
                "GET /scans",
                "GET /scans/rows",
                "GET /audit-logs",
                "GET /audit-logs/rows",
                "GET /audit-logs/export");
    }

    private void probeSubtree(String... pages) {
        for (String page : pages) {
            Function<UUID, String> probe = probes.get(page);
            subtreeProbes.put(page, t -> probe.apply(t) + "&scope=subtree");
        }
    }

    /** Every GET page that declares a permission, with the permission. */
    private Map<String, Permission> guardedReadPages() {
        Map<String, Permission> pages = new java.util.TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mappings.getHandlerMethods().entrySet()) {
            RequiresPermission required = entry.getValue().getMethodAnnotation(RequiresPermission.class);
            if (required == null
                    || !entry.getKey()
                            .getMethodsCondition()
                            .getMethods()
                            .contains(org.springframework.web.bind.annotation.RequestMethod.GET)) {
                continue;
            }
            entry.getKey().getPatternValues().stream()
                    .filter(p -> !p.startsWith("/api/"))
                    .forEach(p -> pages.put("GET " + p, required.value()));
        }
        return pages;
    }

    @Test
    void everyTenantScopedPageHasAProbe() {
        Set<String> missing = new TreeSet<>(guardedReadPages().keySet());
        missing.removeAll(probes.keySet());
        missing.removeAll(NOT_TENANT_SCOPED);
        missing.removeAll(NOT_PROBED);
        assertThat(missing).as("tenant-scoped pages without an isolation probe").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Permission> page : guardedReadPages().entrySet()) {
            Function<UUID, String> probe = probes.get(page.getKey());
            if (probe == null) {
                continue; // reported by everyTenantScopedPageHasAProbe, or listed as not probed
            }
            for (Map.Entry<String, UUID> target : targets.entrySet()) {
                for (Principal principal : principals.values()) {
                    int expected = expected(page.getKey(), page.getValue(), principal, target.getKey());
                    tests.add(DynamicTest.dynamicTest(
                            page.getKey() + " × " + target.getKey() + " × " + principal.name() + " → " + expected,
                            () -> assertStatus(probe.apply(target.getValue()), principal, expected)));
                    Function<UUID, String> subtree = subtreeProbes.get(page.getKey());
                    if (subtree != null) {
                        tests.add(DynamicTest.dynamicTest(
                                page.getKey() + "?scope=subtree × " + target.getKey() + " × " + principal.name() + " → "
                                        + expected,
                                () -> assertStatus(subtree.apply(target.getValue()), principal, expected)));
                    }
                }
            }
        }
        return tests.stream();
    }

    private static int expected(String page, Permission permission, Principal principal, String target) {
        if (principal.name().equals("ANONYMOUS")) {
            return 302;
        }
        boolean invisible = target.equals("sibling") || target.equals("parent");
        if (page.contains("{tenantId}") && invisible) {
            return 404; // the tenant in the path is checked first, as on the API: existence must not leak
        }
        if (!principal.permissions().contains(permission)) {
            return 403; // held on no tenant at all: the page's declaration refuses before any tenant is read
        }
        return invisible ? 404 : 200;
    }

    private static void assertStatus(String path, Principal principal, int expected) {
        HttpResponse<String> response = principal.console().get(path);
        assertThat(response.statusCode())
                .as("GET %s → %s", path, response.body())
                .isEqualTo(expected);
        if (expected == 302) {
            assertThat(URI.create(response.headers().firstValue("Location").orElseThrow())
                            .getPath())
                    .isEqualTo("/login");
        } else if (expected != 200) {
            assertThat(response.body()).contains("data-testid=\"error-hint\"");
        }
    }
}
