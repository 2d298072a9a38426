package io.tenantra.isolation;

import static io.tenantra.identity.Permission.SCAN_READ;
import static io.tenantra.identity.Permission.SCAN_WRITE;

import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Probes for the scheduled-scan APIs (scan profiles, schedules, blackout windows). Whatever a
 * probe acts on is created first by the platform admin in the target tenant, so "allowed" means
 * the call really succeeds.
 */
final class SchedulingProbes {

    private static final String T = "/api/v1/tenants/{tenantId}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Http http;
    private final String admin;

    SchedulingProbes(Http http, String adminToken) {
        this.http = http;
        this.admin = adminToken;
    }

    List<Probe> all() {
        List<Probe> probes = new ArrayList<>();
        String profiles = T + "/scan-profiles";
        probes.add(new Probe("GET " + profiles, SCAN_READ, 200, t -> call("GET", profiles, t, null)));
        probes.add(new Probe("POST " + profiles, SCAN_WRITE, 201, t -> call("POST", profiles, t, profileBody())));
        probes.add(new Probe(
                "GET " + profiles + "/{id}",
                SCAN_READ,
                200,
                t -> call("GET", profiles + "/" + adminCreatesProfile(t), t, null)));
        probes.add(new Probe(
                "PUT " + profiles + "/{id}",
                SCAN_WRITE,
                200,
                t -> call("PUT", profiles + "/" + adminCreatesProfile(t), t, profileBody())));
        probes.add(new Probe(
                "DELETE " + profiles + "/{id}",
                SCAN_WRITE,
                204,
                t -> call("DELETE", profiles + "/" + adminCreatesProfile(t), t, null)));

        String schedules = T + "/schedules";
        probes.add(new Probe("GET " + schedules, SCAN_READ, 200, t -> call("GET", schedules, t, null)));
        probes.add(new Probe(
                "POST " + schedules,
                SCAN_WRITE,
                201,
                t -> call("POST", schedules, t, scheduleBody(adminCreatesProfile(t), true))));
        probes.add(new Probe(
                "GET " + schedules + "/preview",
                SCAN_READ,
                200,
                t -> call("GET", schedules + "/preview?cron=0+2+*+*+*&zone=UTC", t, null)));
        probes.add(new Probe(
                "GET " + schedules + "/calendar", SCAN_READ, 200, t -> call("GET", schedules + "/calendar", t, null)));
        probes.add(new Probe(
                "GET " + schedules + "/{id}",
                SCAN_READ,
                200,
                t -> call("GET", schedules + "/" + adminCreatesSchedule(t, true), t, null)));
        probes.add(new Probe(
                "GET " + schedules + "/{id}/runs",
                SCAN_READ,
                200,
                t -> call("GET", schedules + "/" + adminCreatesSchedule(t, true) + "/runs", t, null)));
        probes.add(new Probe(
                "PUT " + schedules + "/{id}",
                SCAN_WRITE,
                200,
                t -> call(
                        "PUT",
                        schedules + "/" + adminCreatesSchedule(t, true),
                        t,
                        scheduleBody(adminCreatesProfile(t), true))));
        probes.add(new Probe(
                "DELETE " + schedules + "/{id}",
                SCAN_WRITE,
                204,
                t -> call("DELETE", schedules + "/" + adminCreatesSchedule(t, true), t, null)));
        probes.add(new Probe(
                "POST " + schedules + "/{id}/pause",
                SCAN_WRITE,
                200,
                t -> call("POST", schedules + "/" + adminCreatesSchedule(t, true) + "/pause", t, "{}")));
        probes.add(new Probe(
                "POST " + schedules + "/{id}/resume",
                SCAN_WRITE,
                200,
                t -> call("POST", schedules + "/" + adminCreatesSchedule(t, false) + "/resume", t, "{}")));
        probes.add(new Probe(
                "POST " + schedules + "/{id}/run",
                SCAN_WRITE,
                201,
                t -> call("POST", schedules + "/" + adminCreatesSchedule(t, true) + "/run", t, "{}")));

        String windows = T + "/blackout-windows";
        probes.add(new Probe("GET " + windows, SCAN_READ, 200, t -> call("GET", windows, t, null)));
        probes.add(new Probe("POST " + windows, SCAN_WRITE, 201, t -> call("POST", windows, t, windowBody())));
        probes.add(new Probe(
                "GET " + windows + "/{id}",
                SCAN_READ,
                200,
                t -> call("GET", windows + "/" + adminCreatesWindow(t), t, null)));
        probes.add(new Probe(
                "DELETE " + windows + "/{id}",
                SCAN_WRITE,
                204,
                t -> call("DELETE", windows + "/" + adminCreatesWindow(t), t, null)));
        return probes;
    }

    private static Probe.Call call(String method, String template, UUID tenant, String body) {
        return new Probe.Call(method, template.replace("{tenantId}", tenant.toString()), body);
    }

    private static String profileBody() {
        return JSON.writeValueAsString(
                Map.of("name", Fixtures.unique("probe-profile"), "selector", Map.of("all", true)));
    }

    private static String scheduleBody(String profileId, boolean enabled) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Fixtures.unique("probe-schedule"));
        body.put("profileId", profileId);
        body.put("cron", "0 2 * * *");
        body.put("zone", "UTC");
        body.put("enabled", enabled);
        return JSON.writeValueAsString(body);
    }

    private static String windowBody() {
        return JSON.writeValueAsString(Map.of(
                "name",
                Fixtures.unique("probe-window"),
                "kind",
                "once",
                "startsAt",
                "2030-01-01T00:00:00Z",
                "endsAt",
                "2030-01-01T04:00:00Z"));
    }

    String adminCreatesProfile(UUID tenant) {
        return created(T.replace("{tenantId}", tenant.toString()) + "/scan-profiles", profileBody());
    }

    String adminCreatesSchedule(UUID tenant, boolean enabled) {
        return created(
                T.replace("{tenantId}", tenant.toString()) + "/schedules",
                scheduleBody(adminCreatesProfile(tenant), enabled));
    }

    String adminCreatesWindow(UUID tenant) {
        return created(T.replace("{tenantId}", tenant.toString()) + "/blackout-windows", windowBody());
    }

    private String created(String path, String body) {
        Http.Response created = http.post(path, admin, "application/json", body);
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return created.json().get("id").asString();
    }
}
