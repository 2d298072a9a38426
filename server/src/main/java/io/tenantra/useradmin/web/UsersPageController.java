package io.tenantra.useradmin.web;

import io.tenantra.console.TenantChoices;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.MissingPermission;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.useradmin.UserAccount;
import io.tenantra.useradmin.UserAdminService;
import io.tenantra.useradmin.UserUpdateService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
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
 * The users page: list a tenant's users, create one, edit one in a dialog, switch one on or off.
 * Every action goes through the same services as the API, so the same rules apply.
 */
@Controller
@RequestMapping("/users")
class UsersPageController {

    private static final int PAGE_SIZE = 50;

    private final UserAdminService users;
    private final UserUpdateService updates;
    private final TenantChoices choices;
    private final CallContexts calls;

    UsersPageController(UserAdminService users, UserUpdateService updates, TenantChoices choices, CallContexts calls) {
        this.users = users;
        this.updates = updates;
        this.choices = choices;
        this.calls = calls;
    }

    /** The create form as posted; checkbox lists are null when nothing is ticked. */
    record NewUserForm(
            String username,
            String email,
            String displayName,
            String password,
            List<String> roles,
            List<String> tenantOnly) {
        static NewUserForm empty() {
            return new NewUserForm("", "", "", "", List.of(), List.of());
        }
    }

    /** The edit dialog as posted; {@code rolesIncluded} is absent when roles could not be edited. */
    record EditUserForm(
            String email, String displayName, List<String> roles, List<String> tenantOnly, Boolean rolesIncluded) {}

    @RequiresPermission(Permission.USER_READ)
    @GetMapping
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) UUID tenant,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String updated,
            Model model) {
        if (updated != null) {
            model.addAttribute("message", "Saved the changes to " + updated + ".");
        }
        populate(user, tenant, q, status, cursor, model);
        model.addAttribute("form", NewUserForm.empty());
        return "useradmin/users";
    }

    @RequiresPermission(Permission.USER_WRITE)
    @PostMapping
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam UUID tenant,
            @ModelAttribute NewUserForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletRequest request,
            HttpServletResponse response) {
        try {
            UserAccount created = users.create(
                    calls.caller(user, request),
                    tenant,
                    new UserAdminService.NewUser(
                            form.username(),
                            form.email(),
                            form.password(),
                            blankToNull(form.displayName()),
                            null,
                            bindings(form.roles(), form.tenantOnly())));
            redirect.addFlashAttribute("message", "Created the user " + created.username() + ".");
            return "redirect:" + pageUrl(tenant);
        } catch (ApiException e) {
            response.setStatus(e.type().status().value());
            populate(user, tenant, null, null, null, model);
            model.addAttribute(
                    "form",
                    new NewUserForm(
                            form.username(), form.email(), form.displayName(), "", form.roles(), form.tenantOnly()));
            failed(model, e);
            return "useradmin/users";
        }
    }

    /** The edit dialog's content (htmx). */
    @RequiresPermission(Permission.USER_READ)
    @GetMapping("/{id}/edit")
    String edit(
            @AuthenticationPrincipal CurrentUser user, @RequestParam UUID tenant, @PathVariable UUID id, Model model) {
        UserAccount target = users.get(user, tenant, id);
        List<String> roles = target.roles().stream().map(r -> r.role()).toList();
        List<String> local = target.roles().stream()
                .filter(r -> !r.subtree())
                .map(r -> r.role())
                .toList();
        return editor(
                user,
                tenant,
                target,
                new EditUserForm(target.email(), target.displayName(), roles, local, true),
                model);
    }

    /** Saves the dialog (htmx): on success the page reloads, otherwise the dialog shows why. */
    @RequiresPermission(Permission.USER_WRITE)
    @PostMapping("/{id}")
    String update(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam UUID tenant,
            @PathVariable UUID id,
            @ModelAttribute EditUserForm form,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        UserAccount target = users.get(user, tenant, id);
        boolean withRoles = Boolean.TRUE.equals(form.rolesIncluded());
        try {
            UserAccount saved = updates.update(
                    calls.caller(user, request),
                    tenant,
                    id,
                    new UserUpdateService.UserPatch(
                            form.email(),
                            form.displayName(),
                            null,
                            null,
                            withRoles ? bindings(form.roles(), form.tenantOnly()) : null));
            response.setHeader(
                    "HX-Redirect",
                    UriComponentsBuilder.fromPath("/users")
                            .queryParam("tenant", tenant)
                            .queryParam("updated", saved.username())
                            .encode()
                            .toUriString());
            return "useradmin/user-fragments :: saved";
        } catch (ApiException e) {
            failed(model, e);
            EditUserForm shown = withRoles
                    ? form
                    : new EditUserForm(
                            form.email(),
                            form.displayName(),
                            target.roles().stream().map(r -> r.role()).toList(),
                            List.of(),
                            false);
            return editor(user, tenant, target, shown, model);
        }
    }

    /** The activate / deactivate toggle (htmx): answers with the user's refreshed table row. */
    @RequiresPermission(Permission.USER_WRITE)
    @PostMapping("/{id}/active")
    String setActive(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam UUID tenant,
            @PathVariable UUID id,
            @RequestParam boolean active,
            Model model,
            HttpServletRequest request) {
        UserAccount shown;
        try {
            shown = updates.update(
                    calls.caller(user, request),
                    tenant,
                    id,
                    new UserUpdateService.UserPatch(null, null, active, null, null));
        } catch (ApiException e) {
            model.addAttribute("rowError", e.getMessage());
            shown = users.get(user, tenant, id);
        }
        rowContext(user, tenant, model);
        model.addAttribute("u", shown);
        return "useradmin/user-fragments :: row";
    }

    private void populate(CurrentUser user, UUID tenant, String q, String status, String cursor, Model model) {
        TenantChoices.Chosen chosen = choices.choose(user, Permission.USER_READ, tenant, model);
        if (chosen == null) {
            throw new MissingPermission(
                    Permission.USER_READ, "You lack the USER_READ permission on every tenant you can see.");
        }
        UUID tenantId = chosen.id();
        Boolean active = "active".equals(status) ? Boolean.TRUE : "inactive".equals(status) ? Boolean.FALSE : null;
        PageResponse<UserAccount> page = users.list(
                user, tenantId, new UserAdminService.UserQuery(active, blankToNull(q), PAGE_SIZE, blankToNull(cursor)));
        model.addAttribute("users", page.items());
        model.addAttribute("nextCursor", page.nextCursor());
        model.addAttribute("q", q);
        model.addAttribute("status", status);
        model.addAttribute("roles", users.grantableRoles(user, tenantId));
        rowContext(user, tenantId, model);
    }

    private void rowContext(CurrentUser user, UUID tenantId, Model model) {
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("currentUserId", user.userId());
        model.addAttribute("canWrite", choices.holds(user, tenantId, Permission.USER_WRITE));
    }

    private String editor(CurrentUser user, UUID tenant, UserAccount target, EditUserForm form, Model model) {
        model.addAttribute("target", target);
        model.addAttribute("form", form);
        model.addAttribute("self", target.id().equals(user.userId()));
        model.addAttribute("roles", users.grantableRoles(user, tenant));
        model.addAttribute("tenantId", tenant);
        return "useradmin/user-fragments :: editor";
    }

    private static void failed(Model model, ApiException e) {
        model.addAttribute("formError", e.getMessage());
        model.addAttribute("formErrors", e.errors());
    }

    static List<UserAdminService.GrantRequest> bindings(List<String> roles, List<String> tenantOnly) {
        if (roles == null) {
            return List.of();
        }
        return roles.stream()
                .map(role -> new UserAdminService.GrantRequest(role, tenantOnly == null || !tenantOnly.contains(role)))
                .toList();
    }

    private static String pageUrl(UUID tenant) {
        return "/users?tenant=" + tenant;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
