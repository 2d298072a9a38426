package io.tenantra.compliance.web;

import io.tenantra.compliance.exceptions.ComplianceExceptions;
import io.tenantra.compliance.exceptions.ExceptionRequest;
import io.tenantra.compliance.exceptions.ExceptionView;
import io.tenantra.console.ConsoleForms;
import io.tenantra.console.TenantChoices;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
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
 * The exception workflow in the console: the list with its filters, the request form (opened
 * pre-filled from a failing result), approve / reject / revoke as htmx row swaps, and one
 * exception with its history. Every step calls the same facade as the API, so the rules (never
 * the requester approving, expiry, reason length) are the API's.
 */
@Controller
class ExceptionsPageController {

    private final ComplianceExceptions exceptions;
    private final CallContexts calls;
    private final TenantChoices choices;

    ExceptionsPageController(ComplianceExceptions exceptions, CallContexts calls, TenantChoices choices) {
        this.exceptions = exceptions;
        this.calls = calls;
        this.choices = choices;
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance/exceptions")
    String list(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String checkId,
            @RequestParam(required = false) UUID assetId,
            @RequestParam(required = false) String cursor,
            Model model) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("checkId", checkId);
        form.put("assetId", assetId);
        form.put("scope", assetId != null ? "asset" : "tenant");
        form.put("kind", "ACCEPT");
        model.addAttribute("form", form);
        populate(user, tenantId, state, checkId, assetId, cursor, model);
        return "compliance/exceptions";
    }

    @RequiresPermission(Permission.COMPLIANCE_EXCEPTION_REQUEST)
    @PostMapping("/compliance/exceptions")
    String request(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam Map<String, String> fields,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_EXCEPTION_REQUEST, request)
                .call();
        try {
            ExceptionView created = exceptions.request(
                    call,
                    new ExceptionRequest(
                            blankToNull(fields.get("checkId")),
                            blankToNull(fields.get("scope")),
                            uuid(fields.get("assetId")),
                            blankToNull(fields.get("tagKey")),
                            blankToNull(fields.get("tagValue")),
                            blankToNull(fields.get("kind")),
                            blankToNull(fields.get("overrideTo")),
                            fields.get("reason"),
                            ConsoleForms.expiry(fields.get("expiresOn"))));
            model.addAttribute("created", created);
            model.addAttribute("form", Map.of("scope", "tenant", "kind", "ACCEPT"));
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND || e.type() == ProblemType.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("form", fields);
        }
        populate(user, tenantId, null, null, null, null, model);
        return "compliance/exceptions";
    }

    @RequiresPermission(Permission.COMPLIANCE_READ)
    @GetMapping("/compliance/exceptions/{id}")
    String one(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        CallContext call = calls.require(user, tenantId, Permission.COMPLIANCE_READ, request)
                .call();
        model.addAttribute("exception", exceptions.get(call, id));
        model.addAttribute("tenantId", tenantId);
        return "compliance/exception";
    }

    @RequiresPermission(Permission.COMPLIANCE_EXCEPTION_APPROVE)
    @PostMapping("/compliance/exceptions/{id}/approve")
    String approve(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(required = false) String note,
            HttpServletRequest request,
            Model model) {
        return decide(user, id, "approve", tenantId, note, request, model);
    }

    @RequiresPermission(Permission.COMPLIANCE_EXCEPTION_APPROVE)
    @PostMapping("/compliance/exceptions/{id}/reject")
    String reject(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(required = false) String note,
            HttpServletRequest request,
            Model model) {
        return decide(user, id, "reject", tenantId, note, request, model);
    }

    @RequiresPermission(Permission.COMPLIANCE_EXCEPTION_APPROVE)
    @PostMapping("/compliance/exceptions/{id}/revoke")
    String revoke(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(required = false) String note,
            HttpServletRequest request,
            Model model) {
        return decide(user, id, "revoke", tenantId, note, request, model);
    }

    private String decide(
            CurrentUser user,
            UUID id,
            String step,
            UUID tenantId,
            String note,
            HttpServletRequest request,
            Model model) {
        var tenant = calls.require(user, tenantId, Permission.COMPLIANCE_EXCEPTION_APPROVE, request);
        CallContext call = tenant.call();
        try {
            ExceptionView changed = switch (step) {
                case "approve" -> exceptions.approve(call, id, note);
                case "reject" -> exceptions.reject(call, id, note);
                default -> exceptions.revoke(call, id, note);
            };
            model.addAttribute("exception", changed);
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                throw e;
            }
            // Refused (own request, no longer pending): show the row as it is, with why.
            model.addAttribute("exception", exceptions.get(call, id));
            model.addAttribute("rowError", e.getMessage());
        }
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("canApprove", true);
        return "compliance/exception-row :: row";
    }

    private void populate(
            CurrentUser user, UUID requested, String state, String checkId, UUID assetId, String cursor, Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.COMPLIANCE_READ, requested, model);
        if (tenant == null) {
            return;
        }
        CallContext call = calls.on(user, tenant.id(), tenant.scope(), null);
        String wanted = state == null || state.isBlank() ? null : state;
        model.addAttribute("tenantId", tenant.id());
        model.addAttribute("state", wanted);
        model.addAttribute("checkId", checkId);
        model.addAttribute("assetId", assetId);
        model.addAttribute(
                "page",
                exceptions.list(
                        call, wanted, checkId, assetId, 100, cursor == null || cursor.isBlank() ? null : cursor));
        model.addAttribute("canRequest", tenant.holds(Permission.COMPLIANCE_EXCEPTION_REQUEST));
        model.addAttribute("canApprove", tenant.holds(Permission.COMPLIANCE_EXCEPTION_APPROVE));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("assetId", "must be an asset id");
        }
    }
}
