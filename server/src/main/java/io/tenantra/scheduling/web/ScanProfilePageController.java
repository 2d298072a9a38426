package io.tenantra.scheduling.web;

import io.tenantra.console.ConsoleForms;
import io.tenantra.console.TenantChoices;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.scheduling.AgentSelector;
import io.tenantra.scheduling.BlackoutRequest;
import io.tenantra.scheduling.Blackouts;
import io.tenantra.scheduling.ScanProfileRequest;
import io.tenantra.scheduling.ScanProfiles;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The scan profile and blackout window pages: each a list (searchable) with a create form and a
 * delete button behind a confirmation. Form fields are turned into the API's requests, so the
 * validation and its messages are the API's.
 */
@Controller
class ScanProfilePageController {

    private final ScanProfiles profiles;
    private final Blackouts blackouts;
    private final CallContexts calls;
    private final TenantChoices choices;

    ScanProfilePageController(ScanProfiles profiles, Blackouts blackouts, CallContexts calls, TenantChoices choices) {
        this.profiles = profiles;
        this.blackouts = blackouts;
        this.calls = calls;
        this.choices = choices;
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/scan-profiles")
    String profiles(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            @RequestParam(required = false) String q,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("form", Map.of("selectorKind", "all"));
        populateProfiles(user, tenantId, q, request, model);
        return "scheduling/profiles";
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/scan-profiles")
    String createProfile(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam Map<String, String> fields,
            HttpServletRequest request,
            Model model) {
        CallContext call =
                calls.require(user, tenantId, Permission.SCAN_WRITE, request).call();
        try {
            var created = profiles.create(
                    call,
                    new ScanProfileRequest(
                            fields.get("name"),
                            fields.get("description"),
                            list(fields.get("modules")),
                            list(fields.get("policies")),
                            list(fields.get("frameworks")),
                            selector(fields),
                            number("timeLimitMinutes", fields.get("timeLimitMinutes")),
                            number("concurrency", fields.get("concurrency")),
                            number("jitterSeconds", fields.get("jitterSeconds"))));
            model.addAttribute("created", created.name());
            model.addAttribute("form", Map.of("selectorKind", "all"));
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("form", fields);
        }
        populateProfiles(user, tenantId, null, request, model);
        return "scheduling/profiles";
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/scan-profiles/{id}/delete")
    String deleteProfile(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        CallContext call =
                calls.require(user, tenantId, Permission.SCAN_WRITE, request).call();
        try {
            profiles.delete(call, id);
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("form", Map.of("selectorKind", "all"));
        populateProfiles(user, tenantId, null, request, model);
        return "scheduling/profiles";
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/schedules/blackouts")
    String blackouts(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            @RequestParam(required = false) String q,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("form", Map.of("kind", "weekly", "zone", "UTC"));
        populateBlackouts(user, tenantId, q, request, model);
        return "scheduling/blackouts";
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/schedules/blackouts")
    String createBlackout(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam Map<String, String> fields,
            @RequestParam(name = "days", required = false) List<String> days,
            HttpServletRequest request,
            Model model) {
        CallContext call =
                calls.require(user, tenantId, Permission.SCAN_WRITE, request).call();
        try {
            var created = blackouts.create(
                    call,
                    new BlackoutRequest(
                            fields.get("name"),
                            blankToNull(fields.get("tagKey")),
                            blankToNull(fields.get("tagValue")),
                            fields.get("kind"),
                            blankToNull(fields.get("zone")),
                            days,
                            blankToNull(fields.get("startTime")),
                            blankToNull(fields.get("endTime")),
                            blankToNull(fields.get("cron")),
                            number("durationMinutes", fields.get("durationMinutes")),
                            instant("startsAt", fields.get("startsAt")),
                            instant("endsAt", fields.get("endsAt"))));
            model.addAttribute("created", created.name());
            model.addAttribute("form", Map.of("kind", "weekly", "zone", "UTC"));
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("form", fields);
        }
        populateBlackouts(user, tenantId, null, request, model);
        return "scheduling/blackouts";
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/schedules/blackouts/{id}/delete")
    String deleteBlackout(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request) {
        CallContext call =
                calls.require(user, tenantId, Permission.SCAN_WRITE, request).call();
        blackouts.delete(call, id);
        return "redirect:/schedules/blackouts?tenant=" + tenantId;
    }

    private void populateProfiles(CurrentUser user, UUID requested, String q, HttpServletRequest request, Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.SCAN_READ, requested, model);
        if (tenant == null) {
            return;
        }
        CallContext call = calls.on(user, tenant.id(), tenant.scope(), request);
        model.addAttribute("tenantId", tenant.id());
        model.addAttribute("q", q);
        model.addAttribute(
                "profiles", profiles.list(call, blankToNull(q), 500, null).items());
        model.addAttribute("canWrite", tenant.holds(Permission.SCAN_WRITE));
    }

    private void populateBlackouts(
            CurrentUser user, UUID requested, String q, HttpServletRequest request, Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.SCAN_READ, requested, model);
        if (tenant == null) {
            return;
        }
        CallContext call = calls.on(user, tenant.id(), tenant.scope(), request);
        model.addAttribute("tenantId", tenant.id());
        model.addAttribute("q", q);
        model.addAttribute(
                "windows", blackouts.list(call, blankToNull(q), 500, null).items());
        model.addAttribute("canWrite", tenant.holds(Permission.SCAN_WRITE));
    }

    /** The selector the form describes: its kind and the one value that kind needs. */
    private static AgentSelector selector(Map<String, String> fields) {
        String value = fields.getOrDefault("selectorValue", "").strip();
        return switch (fields.getOrDefault("selectorKind", "all")) {
            case "agentIds" ->
                new AgentSelector(
                        null,
                        list(value) == null
                                ? List.of()
                                : list(value).stream()
                                        .map(ScanProfilePageController::agentId)
                                        .toList(),
                        null,
                        null);
            case "tags" -> {
                Map<String, String> tags = new LinkedHashMap<>();
                for (String pair : value.split(",")) {
                    String[] kv = pair.split("=", 2);
                    if (!pair.isBlank()) {
                        tags.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "");
                    }
                }
                yield new AgentSelector(null, null, tags, null);
            }
            case "os" -> new AgentSelector(null, null, null, value);
            default -> new AgentSelector(true, null, null, null);
        };
    }

    private static UUID agentId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("selector.agentIds", "'" + value + "' is not an agent id");
        }
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return null;
        }
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static Integer number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "must be a whole number");
        }
    }

    /** A datetime-local field, read as UTC (every time in the console is UTC). */
    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = value.strip();
            return Instant.parse(text.length() == 16 ? text + ":00Z" : text.endsWith("Z") ? text : text + "Z");
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be a date and time, e.g. 2026-12-24T22:00");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
