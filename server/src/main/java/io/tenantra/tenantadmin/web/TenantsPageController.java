package io.tenantra.tenantadmin.web;

import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.NewTenant;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenantadmin.TenantAdministration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The tenants page: a searchable, sortable, paged table and the tree of the tenants the caller
 * can read, a detail panel per tenant (loaded with htmx), creating a child and suspending or
 * reactivating (editing and deleting are in {@link TenantChangesPageController}). All rules come from
 * {@link TenantAdministration}, the same as the API's. htmx requests get fragments (errors
 * included, with status 200 because htmx swaps only successful responses); plain form posts get
 * a redirect, or the whole page with the errors.
 */
@Controller
@RequestMapping("/tenants")
class TenantsPageController {

    private static final String PAGE = "tenantadmin/tenants";
    private static final String DETAIL = "tenantadmin/tenants :: detail";
    private static final String DETAIL_AND_TREE = "tenantadmin/tenants :: changed";
    private static final String TABLE = "tenantadmin/tenants :: table";

    private final TenantAdministration administration;
    private final CallContexts calls;
    private final TenantPageModel pageModel;

    TenantsPageController(TenantAdministration administration, CallContexts calls, TenantPageModel pageModel) {
        this.administration = administration;
        this.calls = calls;
        this.pageModel = pageModel;
    }

    @RequiresPermission(Permission.TENANT_READ)
    @GetMapping
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String format,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletResponse response,
            Model model)
            throws IOException {
        requireReader(user);
        if ("csv".equals(format)) {
            writeCsv(
                    TenantList.all(
                            pageModel.search(user), TenantPageModel.names(administration.readable(user)), q, sort),
                    response);
            return null;
        }
        pageModel.addLists(model, user, q, sort, page, size);
        // The search box and the table's links swap only the table.
        return htmx != null ? TABLE : PAGE;
    }

    /** The filtered and sorted list, every page of it, as CSV: what {@code ?format=csv} asks for. */
    private static void writeCsv(TenantList all, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("tenants.csv").build().toString());
        response.getOutputStream().write(TenantCsv.write(all.rows()).getBytes(StandardCharsets.UTF_8));
    }

    @RequiresPermission(Permission.TENANT_READ)
    @GetMapping("/{tenantId}")
    String detail(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID tenantId,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletRequest request,
            Model model) {
        requireReader(user);
        TenantContext caller = calls.caller(user, request);
        select(model, user, orError(() -> administration.get(caller, tenantId)));
        if (htmx != null) {
            return DETAIL;
        }
        addTree(model, user);
        return PAGE;
    }

    @RequiresPermission(Permission.TENANT_READ)
    @PostMapping("/{tenantId}/children")
    String createChild(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID tenantId,
            ChildTenantForm form,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        requireReader(user);
        TenantContext caller = calls.caller(user, request);
        try {
            Tenant child = administration.create(
                    caller, new NewTenant(form.name(), form.slug(), tenantId, parsePlan(form.plan()), null, null));
            if (htmx == null) {
                return "redirect:/tenants/" + child.id();
            }
            response.setHeader("HX-Push-Url", "/tenants/" + child.id());
            select(model, user, child);
            addTree(model, user);
            return DETAIL_AND_TREE;
        } catch (ApiException e) {
            rethrowUnlessFixable(e);
            select(model, user, orError(() -> administration.get(caller, tenantId)));
            model.addAttribute("childForm", form);
            model.addAttribute("childError", e.getMessage());
            model.addAttribute("childFieldErrors", fieldErrors(e));
            return failed(htmx, model, user, response);
        }
    }

    @RequiresPermission(Permission.TENANT_READ)
    @PostMapping("/{tenantId}/status")
    String changeStatus(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID tenantId,
            @RequestParam String status,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        requireReader(user);
        TenantContext caller = calls.caller(user, request);
        try {
            Tenant changed = administration.changeStatus(caller, tenantId, parseStatus(status));
            if (htmx == null) {
                return "redirect:/tenants/" + tenantId;
            }
            select(model, user, changed);
            addTree(model, user);
            return DETAIL_AND_TREE;
        } catch (ApiException e) {
            rethrowUnlessFixable(e);
            select(model, user, orError(() -> administration.get(caller, tenantId)));
            model.addAttribute("statusError", e.getMessage());
            return failed(htmx, model, user, response);
        }
    }

    private String failed(String htmx, Model model, CurrentUser user, HttpServletResponse response) {
        if (htmx != null) {
            return DETAIL;
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        addTree(model, user);
        return PAGE;
    }

    private void addTree(Model model, CurrentUser user) {
        pageModel.addLists(model, user);
    }

    private void select(Model model, CurrentUser user, Tenant tenant) {
        pageModel.select(model, user, tenant);
    }

    static void requireReader(CurrentUser user) {
        if (!user.permissions().contains(Permission.TENANT_READ)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /**
     * Invalid input, conflicts and refusals are shown next to the form that caused them (the
     * tenant itself is visible); a tenant that has vanished gets the error page.
     */
    private static void rethrowUnlessFixable(ApiException e) {
        if (e.type() != ProblemType.VALIDATION_FAILED
                && e.type() != ProblemType.CONFLICT
                && e.type() != ProblemType.FORBIDDEN) {
            throw new ResponseStatusException(e.type().status(), e.getMessage());
        }
    }

    static Tenant orError(Supplier<Tenant> lookup) {
        try {
            return lookup.get();
        } catch (ApiException e) {
            throw new ResponseStatusException(e.type().status(), e.getMessage());
        }
    }

    static Map<String, String> fieldErrors(ApiException e) {
        Map<String, String> errors = new HashMap<>();
        e.errors().forEach(error -> errors.merge(error.field(), error.message(), (a, b) -> a + "; " + b));
        return errors;
    }

    static Tenant.Plan parsePlan(String plan) {
        try {
            return plan == null || plan.isBlank() ? null : Tenant.Plan.valueOf(plan.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("plan", "must be one of FREE, BASIC, PRO, ENTERPRISE");
        }
    }

    private static Tenant.Status parseStatus(String status) {
        try {
            return Tenant.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "must be ACTIVE or SUSPENDED");
        }
    }
}
