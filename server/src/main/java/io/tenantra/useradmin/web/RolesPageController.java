package io.tenantra.useradmin.web;

import io.tenantra.console.TenantChoices;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.MissingPermission;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.useradmin.PermissionCatalog;
import io.tenantra.useradmin.RoleAdminService;
import io.tenantra.useradmin.RoleDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The roles page: the built-in and custom roles usable on a tenant with their permissions, and
 * forms to define, change and delete the tenant's own custom roles.
 */
@Controller
@RequestMapping("/roles")
class RolesPageController {

    private final RoleAdminService roles;
    private final TenantChoices choices;
    private final CallContexts calls;

    RolesPageController(RoleAdminService roles, TenantChoices choices, CallContexts calls) {
        this.roles = roles;
        this.choices = choices;
        this.calls = calls;
    }

    /** The role form as posted; {@code permissions} is null when no box is ticked. */
    record RoleForm(String name, String description, List<String> permissions) {
        static RoleForm empty() {
            return new RoleForm("", "", List.of());
        }
    }

    /** One permission checkbox: {@code allowed} when the caller holds it on the tenant. */
    record PermissionChoice(String name, String description, boolean allowed) {}

    @RequiresPermission(Permission.ROLE_READ)
    @GetMapping
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID tenant, Model model) {
        populate(user, tenant, model);
        model.addAttribute("form", RoleForm.empty());
        return "useradmin/roles";
    }

    @RequiresPermission(Permission.ROLE_WRITE)
    @PostMapping
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam UUID tenant,
            @ModelAttribute RoleForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            RoleDefinition created = roles.create(
                    calls.caller(user, request),
                    tenant,
                    new RoleAdminService.NewRole(form.name(), form.description(), orEmpty(form.permissions())));
            redirect.addFlashAttribute("message", "Created the role " + created.name() + ".");
            return "redirect:/roles?tenant=" + tenant;
        } catch (ApiException e) {
            response.setStatus(e.type().status().value());
            populate(user, tenant, model);
            model.addAttribute("form", form);
            failed(model, e);
            return "useradmin/roles";
        }
    }

    @RequiresPermission(Permission.ROLE_READ)
    @GetMapping("/{id}/edit")
    String edit(
            @AuthenticationPrincipal CurrentUser user, @RequestParam UUID tenant, @PathVariable UUID id, Model model) {
        RoleDefinition role = roles.get(user, tenant, id);
        editContext(user, tenant, role, model);
        model.addAttribute("form", new RoleForm(role.name(), role.description(), role.permissions()));
        return "useradmin/role-edit";
    }

    @RequiresPermission(Permission.ROLE_WRITE)
    @PostMapping("/{id}")
    String update(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam UUID tenant,
            @PathVariable UUID id,
            @ModelAttribute RoleForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            RoleDefinition saved = roles.update(
                    calls.caller(user, request),
                    tenant,
                    id,
                    new RoleAdminService.RolePatch(form.name(), form.description(), orEmpty(form.permissions())));
            redirect.addFlashAttribute("message", "Saved the role " + saved.name() + ".");
            return "redirect:/roles?tenant=" + tenant;
        } catch (ApiException e) {
            response.setStatus(e.type().status().value());
            editContext(user, tenant, roles.get(user, tenant, id), model);
            model.addAttribute("form", form);
            failed(model, e);
            return "useradmin/role-edit";
        }
    }

    /** Delete button (htmx, confirmed in the browser): reloads the page, or shows why not. */
    @RequiresPermission(Permission.ROLE_WRITE)
    @PostMapping("/{id}/delete")
    String delete(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam UUID tenant,
            @PathVariable UUID id,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        RoleDefinition role = roles.get(user, tenant, id);
        try {
            roles.delete(calls.caller(user, request), tenant, id);
            response.setHeader(
                    "HX-Redirect",
                    UriComponentsBuilder.fromPath("/roles")
                            .queryParam("tenant", tenant)
                            .queryParam("deleted", role.name())
                            .encode()
                            .toUriString());
            model.addAttribute("notice", "Deleted the role " + role.name() + ".");
        } catch (ApiException e) {
            model.addAttribute("notice", e.getMessage());
            model.addAttribute("failed", true);
        }
        return "useradmin/role-fragments :: notice";
    }

    private void populate(CurrentUser user, UUID tenant, Model model) {
        UUID tenantId = chosen(choices.choose(user, Permission.ROLE_READ, tenant, model));
        List<RoleDefinition> all = new ArrayList<>();
        String cursor = null;
        do {
            PageResponse<RoleDefinition> page = roles.list(user, tenantId, 500, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("roles", all);
        model.addAttribute("canWrite", choices.holds(user, tenantId, Permission.ROLE_WRITE));
        model.addAttribute("permissions", choices(choices.held(user, tenantId)));
    }

    // The page needs a tenant; with ROLE_READ held nowhere the declaration already refused.
    static UUID chosen(TenantChoices.Chosen chosen) {
        if (chosen == null) {
            throw new MissingPermission(
                    Permission.ROLE_READ, "You lack the ROLE_READ permission on every tenant you can see.");
        }
        return chosen.id();
    }

    private void editContext(CurrentUser user, UUID tenant, RoleDefinition role, Model model) {
        if (!tenant.equals(role.tenantId())) {
            // Inherited roles are changed where they are defined; here they are read-only.
            throw ApiException.notFound("The role");
        }
        model.addAttribute("role", role);
        model.addAttribute("tenantId", tenant);
        model.addAttribute("permissions", choices(choices.held(user, tenant)));
    }

    private static List<PermissionChoice> choices(Set<Permission> held) {
        return Arrays.stream(Permission.values())
                .filter(p -> p != Permission.PLATFORM_ADMIN)
                .map(p -> new PermissionChoice(p.name(), PermissionCatalog.describe(p), held.contains(p)))
                .toList();
    }

    private static void failed(Model model, ApiException e) {
        model.addAttribute("formError", e.getMessage());
        model.addAttribute("formErrors", e.errors());
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
