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
import io.tenantra.scheduling.ScanProfiles;
import io.tenantra.scheduling.ScheduleCalendar;
import io.tenantra.scheduling.ScheduleRequest;
import io.tenantra.scheduling.Schedules;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
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
 * The schedules pages: the list (paged, searchable) with the create form and its cron helper (a
 * GET of the same page renders the description and next five due times on the server, so no
 * script is needed under the strict CSP), one schedule with its history and actions (pause,
 * resume, run now, delete behind a confirmation), and the week's calendar. Every action calls
 * the API's facade, so the rules are the API's.
 */
@Controller
class SchedulePageController {

    private final Schedules schedules;
    private final ScanProfiles profiles;
    private final ScheduleCalendar calendar;
    private final CallContexts calls;
    private final TenantChoices choices;

    SchedulePageController(
            Schedules schedules,
            ScanProfiles profiles,
            ScheduleCalendar calendar,
            CallContexts calls,
            TenantChoices choices) {
        this.schedules = schedules;
        this.profiles = profiles;
        this.calendar = calendar;
        this.calls = calls;
        this.choices = choices;
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/schedules")
    String list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String cursor,
            @RequestParam Map<String, String> fields,
            HttpServletRequest request,
            Model model) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.putIfAbsent("zone", "UTC");
        form.putIfAbsent("cron", "0 2 * * *");
        model.addAttribute("form", form);
        CallContext call = populate(user, tenantId, q, cursor, request, model);
        if (call != null && fields.containsKey("preview")) {
            preview(form, call, model);
        }
        return "scheduling/schedules";
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/schedules")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam Map<String, String> fields,
            HttpServletRequest request,
            Model model) {
        CallContext call =
                calls.require(user, tenantId, Permission.SCAN_WRITE, request).call();
        try {
            var created = schedules.create(
                    call,
                    new ScheduleRequest(
                            fields.get("name"),
                            uuid(fields.get("profileId")),
                            fields.get("cron"),
                            fields.get("zone"),
                            !"false".equals(fields.get("enabled")),
                            blankToNull(fields.get("catchUp")),
                            blankToNull(fields.get("blackout"))));
            return "redirect:/schedules/" + created.id() + "?tenant=" + tenantId;
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("form", fields);
        }
        populate(user, tenantId, null, null, request, model);
        return "scheduling/schedules";
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/schedules/calendar")
    String calendar(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            HttpServletRequest request,
            Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.SCAN_READ, tenantId, model);
        if (tenant != null) {
            CallContext call = calls.on(user, tenant.id(), tenant.scope(), request);
            model.addAttribute("week", calendar.week(call));
            model.addAttribute("days", CalendarDays.of(calendar.week(call)));
        }
        return "scheduling/calendar";
    }

    @RequiresPermission(Permission.SCAN_READ)
    @GetMapping("/schedules/{id}")
    String one(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        var tenant = calls.require(user, tenantId, Permission.SCAN_READ, request);
        CallContext call = tenant.call();
        model.addAttribute("schedule", schedules.get(call, id));
        model.addAttribute("runs", schedules.history(call, id, 50, blankToNull(cursor)));
        model.addAttribute("tenantId", tenantId);
        model.addAttribute(
                "canWrite", choices.with(user, Permission.SCAN_WRITE).stream().anyMatch(t -> t.id().equals(tenantId)));
        return "scheduling/schedule";
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/schedules/{id}/pause")
    String pause(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        return act(user, id, "pause", tenantId, request, model);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/schedules/{id}/resume")
    String resume(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        return act(user, id, "resume", tenantId, request, model);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/schedules/{id}/run")
    String runNow(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        return act(user, id, "run", tenantId, request, model);
    }

    @RequiresPermission(Permission.SCAN_WRITE)
    @PostMapping("/schedules/{id}/delete")
    String delete(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        return act(user, id, "delete", tenantId, request, model);
    }

    private String act(
            CurrentUser user, UUID id, String action, UUID tenantId, HttpServletRequest request, Model model) {
        CallContext call =
                calls.require(user, tenantId, Permission.SCAN_WRITE, request).call();
        String done;
        try {
            switch (action) {
                case "pause" -> schedules.pause(call, id);
                case "resume" -> schedules.resume(call, id);
                case "run" -> schedules.runNow(call, id);
                default -> {
                    schedules.delete(call, id);
                    return "redirect:/schedules?tenant=" + tenantId + "&deleted=1";
                }
            }
            done = action;
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw e;
            }
            done = null;
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("done", done);
        model.addAttribute("schedule", schedules.get(call, id));
        model.addAttribute("runs", schedules.history(call, id, 50, null));
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("canWrite", true);
        return "scheduling/schedule";
    }

    private CallContext populate(
            CurrentUser user, UUID requested, String q, String cursor, HttpServletRequest request, Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.SCAN_READ, requested, model);
        if (tenant == null) {
            return null;
        }
        CallContext call = calls.on(user, tenant.id(), tenant.scope(), request);
        model.addAttribute("tenantId", tenant.id());
        model.addAttribute("q", q);
        model.addAttribute("page", schedules.list(call, blankToNull(q), 50, blankToNull(cursor)));
        model.addAttribute("profiles", profiles.list(call, null, 500, null).items());
        model.addAttribute("canWrite", tenant.holds(Permission.SCAN_WRITE));
        return call;
    }

    private void preview(Map<String, String> form, CallContext call, Model model) {
        try {
            model.addAttribute("preview", schedules.preview(form.get("cron"), form.get("zone"), call.at()));
        } catch (ApiException e) {
            model.addAttribute("previewError", ConsoleForms.message(e));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static UUID uuid(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("profileId", "is not a scan profile id");
        }
    }
}
