package io.tenantra.tenantadmin.web;

import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvent;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantChanges;
import io.tenantra.tenantadmin.TenantAdministration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The tenant panel's actions: editing the name and settings, changing the plan, deleting. Each
 * calls {@link TenantAdministration}, which applies the API's rules and audits the change (and any
 * refusal) exactly as the API does. A refusal for lack of permission is the 403 error page, since
 * the panel never offers an action the caller cannot take; invalid input and conflicts (a slug
 * typed wrong, a tenant that still has children) are shown next to the form.
 */
@Controller
@RequestMapping("/tenants/{tenantId}")
class TenantChangesPageController {

    private static final String PAGE = "tenantadmin/tenants";
    private static final String DETAIL = "tenantadmin/tenants :: detail";
    private static final String DETAIL_AND_TREE = "tenantadmin/tenants :: changed";

    private final TenantAdministration administration;
    private final CallContexts calls;
    private final TenantPageModel pageModel;
    private final AuditEvents audit;

    TenantChangesPageController(
            TenantAdministration administration, CallContexts calls, TenantPageModel pageModel, AuditEvents audit) {
        this.administration = administration;
        this.calls = calls;
        this.pageModel = pageModel;
        this.audit = audit;
    }

    /** Name and settings: TENANT_WRITE on the tenant. */
    @RequiresPermission(Permission.TENANT_READ)
    @PostMapping("/edit")
    String edit(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID tenantId,
            TenantEditForm form,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        TenantChanges changes = new TenantChanges(form.name(), null, null, null, form.settingsPatch(), null);
        return change(user, tenantId, changes, "editError", htmx, model, request, response, form);
    }

    /** The plan: decided from above (TENANT_CREATE on the parent), as on the API. */
    @RequiresPermission(Permission.TENANT_READ)
    @PostMapping("/plan")
    String plan(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID tenantId,
            @RequestParam(required = false) String plan,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        TenantsPageController.requireReader(user);
        Tenant.Plan chosen;
        try {
            chosen = TenantsPageController.parsePlan(plan);
            if (chosen == null) {
                throw ApiException.invalid("plan", "must be one of FREE, BASIC, PRO, ENTERPRISE");
            }
        } catch (ApiException e) {
            return refused(user, tenantId, "planError", e, htmx, model, request, response);
        }
        TenantChanges changes = new TenantChanges(null, chosen, null, null, null, null);
        return change(user, tenantId, changes, "planError", htmx, model, request, response, null);
    }

    /**
     * Deletes the tenant once the caller has typed its slug. The tenancy module refuses a tenant
     * that still has children, users, agents or other data; that refusal is shown in the panel.
     */
    @RequiresPermission(Permission.TENANT_READ)
    @PostMapping("/delete")
    String delete(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID tenantId,
            @RequestParam(required = false) String confirmSlug,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        TenantsPageController.requireReader(user);
        TenantContext caller = calls.caller(user, request);
        Tenant tenant = TenantsPageController.orError(() -> administration.get(caller, tenantId));
        if (!administration.actions(user, tenant).administer()) {
            // Refused before the confirmation is even looked at; recorded as the API records it.
            String reason = "Deleting a tenant needs the TENANT_CREATE permission on its parent tenant.";
            audit.happened(
                    caller.call().onTenant(tenantId),
                    AuditAction.ACCESS_DENIED,
                    "tenant",
                    tenantId,
                    Map.of("attempted", "tenant.delete", "reason", reason),
                    AuditEvent.Outcome.DENIED);
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, reason);
        }
        if (confirmSlug == null || !confirmSlug.strip().equals(tenant.slug())) {
            ApiException typo = ApiException.invalid(
                    "confirmSlug", "Type the tenant's slug, " + tenant.slug() + ", to confirm the deletion.");
            return refused(user, tenantId, "deleteError", typo, htmx, model, request, response);
        }
        try {
            administration.delete(caller, tenantId);
        } catch (ApiException e) {
            return refused(user, tenantId, "deleteError", e, htmx, model, request, response);
        }
        String next = "/tenants/" + tenant.parentId() + "?deleted=" + tenant.slug();
        if (htmx == null) {
            return "redirect:" + next;
        }
        // The panel and the tree both change; the simplest faithful answer is the parent's page.
        response.setHeader("HX-Redirect", next);
        return null;
    }

    private String change(
            CurrentUser user,
            UUID tenantId,
            TenantChanges changes,
            String errorAttribute,
            String htmx,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            TenantEditForm form) {
        TenantsPageController.requireReader(user);
        TenantContext caller = calls.caller(user, request);
        try {
            Tenant changed = administration.update(caller, tenantId, changes);
            if (htmx == null) {
                return "redirect:/tenants/" + tenantId;
            }
            pageModel.select(model, user, changed);
            pageModel.addLists(model, user);
            return DETAIL_AND_TREE;
        } catch (ApiException e) {
            if (form != null) {
                model.addAttribute("editForm", form);
            }
            return refused(user, tenantId, errorAttribute, e, htmx, model, request, response);
        }
    }

    /**
     * Invalid input and conflicts go next to the form; lack of permission is the 403 page and a
     * tenant the caller cannot see the 404 page, as everywhere in the console.
     */
    private String refused(
            CurrentUser user,
            UUID tenantId,
            String errorAttribute,
            ApiException e,
            String htmx,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (e.type() != ProblemType.VALIDATION_FAILED && e.type() != ProblemType.CONFLICT) {
            throw new ResponseStatusException(e.type().status(), e.getMessage());
        }
        TenantContext caller = calls.caller(user, request);
        pageModel.select(model, user, TenantsPageController.orError(() -> administration.get(caller, tenantId)));
        model.addAttribute(errorAttribute, describe(e));
        model.addAttribute("editFieldErrors", TenantsPageController.fieldErrors(e));
        if (htmx != null) {
            return DETAIL;
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        pageModel.addLists(model, user);
        return PAGE;
    }

    /** The refusal in words: the field problems when there are any, else the reason given. */
    private static String describe(ApiException e) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        return e.errors().stream()
                .map(f -> f.field().equals("confirmSlug") ? f.message() : f.field() + " " + f.message())
                .collect(Collectors.joining("; "));
    }
}
