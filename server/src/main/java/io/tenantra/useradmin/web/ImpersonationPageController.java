package io.tenantra.useradmin.web;

import io.tenantra.console.TenantChoices;
import io.tenantra.identity.ConsoleImpersonation;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Impersonation;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Console impersonation: pick a tenant, pick one of its users, give a reason, act as them. The
 * session switches to that user until "End" or until the chosen minutes are up.
 */
@Controller
class ImpersonationPageController {

    private final Impersonation impersonation;
    private final ConsoleImpersonation console;
    private final TenantChoices choices;

    ImpersonationPageController(Impersonation impersonation, ConsoleImpersonation console, TenantChoices choices) {
        this.impersonation = impersonation;
        this.console = console;
        this.choices = choices;
    }

    @RequiresPermission(Permission.IMPERSONATE)
    @GetMapping("/impersonate")
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            Model model) {
        Tenant tenant = choices.offer(user, Permission.IMPERSONATE, tenantId, model);
        UUID shown = tenant != null ? tenant.id() : tenantId;
        if (shown == null) {
            throw ApiException.forbidden("You cannot impersonate anyone.");
        }
        model.addAttribute("candidates", impersonation.candidates(user, shown));
        model.addAttribute("defaultMinutes", Impersonation.DEFAULT_MINUTES);
        model.addAttribute("minuteChoices", List.of(5, 15, 30, 60));
        return "useradmin/impersonate";
    }

    @RequiresPermission(Permission.IMPERSONATE)
    @PostMapping("/console/impersonate")
    String start(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam UUID userId,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) Integer minutes,
            HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            console.begin(user, tenantId, userId, reason, minutes, request, response);
            return "redirect:/";
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute(
                    "error",
                    e.errors().isEmpty()
                            ? e.getMessage()
                            : "The " + e.errors().get(0).field() + " "
                                    + e.errors().get(0).message() + ".");
            redirect.addAttribute("tenant", tenantId);
            return "redirect:/impersonate";
        }
    }

    @AuthenticatedEndpoint
    @PostMapping("/console/impersonate/end")
    String end(HttpServletRequest request, HttpServletResponse response) {
        return console.end(request, response) ? "redirect:/impersonate" : "redirect:/";
    }
}
