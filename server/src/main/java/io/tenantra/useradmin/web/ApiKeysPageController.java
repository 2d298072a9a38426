package io.tenantra.useradmin.web;

import io.tenantra.console.ConsoleForms;
import io.tenantra.console.TenantChoices;
import io.tenantra.identity.ApiKeyView;
import io.tenantra.identity.ApiKeys;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.platform.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The API keys page: a tenant's keys, a form to create one (the new key is shown once, on the page
 * the form returns, never again) and a revoke button per key.
 */
@Controller
class ApiKeysPageController {

    static final int PAGE_SIZE = 100;

    private final ApiKeys apiKeys;
    private final TenantChoices choices;
    private final CallContexts calls;
    private final Clock clock;

    ApiKeysPageController(ApiKeys apiKeys, TenantChoices choices, CallContexts calls, Clock clock) {
        this.apiKeys = apiKeys;
        this.choices = choices;
        this.calls = calls;
        this.clock = clock;
    }

    @RequiresPermission(Permission.API_KEY_READ)
    @GetMapping("/api-keys")
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            @RequestParam(required = false) String cursor,
            Model model) {
        populate(user, tenantId, cursor, model);
        return "useradmin/api-keys";
    }

    @RequiresPermission(Permission.API_KEY_WRITE)
    @PostMapping("/api-keys")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) List<String> permissions,
            @RequestParam(required = false) String expiresOn,
            Model model,
            HttpServletRequest request) {
        try {
            // In a form, no box ticked means no permission, not "the default".
            ApiKeys.CreatedApiKey created = apiKeys.create(
                    calls.caller(user, request),
                    tenantId,
                    name,
                    permissions == null ? List.of() : permissions,
                    ConsoleForms.expiry(expiresOn));
            model.addAttribute("created", created);
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("formName", name);
            model.addAttribute("formPermissions", permissions == null ? List.of() : permissions);
            model.addAttribute("formExpiresOn", expiresOn);
        }
        populate(user, tenantId, null, model);
        return "useradmin/api-keys";
    }

    @RequiresPermission(Permission.API_KEY_WRITE)
    @PostMapping("/api-keys/{id}/revoke")
    String revoke(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            Model model,
            HttpServletRequest request) {
        apiKeys.revoke(calls.caller(user, request), tenantId, id);
        model.addAttribute("apiKey", apiKeys.find(user, tenantId, id));
        model.addAttribute("canWrite", true);
        return "useradmin/api-keys-row :: row";
    }

    private void populate(CurrentUser user, UUID requested, String cursor, Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.API_KEY_READ, requested, model);
        if (tenant == null) {
            return;
        }
        PageResponse<ApiKeyView> page = apiKeys.list(user, tenant.id(), PAGE_SIZE, cursor);
        boolean canWrite = tenant.holds(Permission.API_KEY_WRITE);
        model.addAttribute("page", page);
        model.addAttribute("canWrite", canWrite);
        // Creating a key is refused while impersonating; do not offer a form that cannot work.
        boolean canCreate = canWrite && !user.isImpersonated();
        model.addAttribute("canCreate", canCreate);
        if (canCreate) {
            Set<Permission> grantable = apiKeys.grantable(user, tenant.id());
            model.addAttribute(
                    "grantable", grantable.stream().map(Enum::name).sorted().toList());
        }
        model.addAttribute(
                "maxExpiresOn",
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(729));
        model.addAttribute("minExpiresOn", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
