package io.tenantra.agents.web;

import io.tenantra.agents.EnrollmentTokens;
import io.tenantra.console.ConsoleForms;
import io.tenantra.console.TenantChoices;
import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantAccess;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Enrollment tokens: list, create (the token is shown once, inside a copyable install command
 * for this server), revoke.
 */
@Controller
class EnrollmentTokensPageController {

    private final EnrollmentTokens tokens;
    private final TenantAccess access;
    private final CallContexts calls;
    private final TenantChoices choices;

    EnrollmentTokensPageController(
            EnrollmentTokens tokens, TenantAccess access, CallContexts calls, TenantChoices choices) {
        this.tokens = tokens;
        this.calls = calls;
        this.access = access;
        this.choices = choices;
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/enrollment-tokens")
    String page(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant", required = false) UUID tenantId,
            @RequestParam(required = false) String cursor,
            Model model) {
        populate(user, tenantId, cursor, model);
        return "agents/enrollment-tokens";
    }

    @RequiresPermission(Permission.AGENT_WRITE)
    @PostMapping("/enrollment-tokens")
    String create(
            @AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "tenant") UUID tenantId,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String maxUses,
            @RequestParam(required = false) String expiresOn,
            @RequestParam(required = false) String tags,
            HttpServletRequest request,
            Model model) {
        CallContext ctx =
                calls.require(user, tenantId, Permission.AGENT_WRITE, request).call();
        try {
            EnrollmentTokens.Created created =
                    tokens.create(ctx, name, uses(maxUses), ConsoleForms.expiry(expiresOn), parseTags(tags));
            String server =
                    ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
            model.addAttribute("created", created);
            model.addAttribute(
                    "installCommand",
                    "java -jar tenantra-agent.jar enroll --server " + server + " --token " + created.token()
                            + " && java -jar tenantra-agent.jar run");
        } catch (ApiException e) {
            if (e.type() == ProblemType.NOT_FOUND || e.type() == ProblemType.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("error", ConsoleForms.message(e));
            model.addAttribute("formName", name);
            model.addAttribute("formMaxUses", maxUses);
            model.addAttribute("formExpiresOn", expiresOn);
            model.addAttribute("formTags", tags);
        }
        populate(user, tenantId, null, model);
        return "agents/enrollment-tokens";
    }

    @RequiresPermission(Permission.AGENT_WRITE)
    @PostMapping("/enrollment-tokens/{id}/revoke")
    String revoke(
            @AuthenticationPrincipal CurrentUser user,
            @PathVariable UUID id,
            @RequestParam(name = "tenant") UUID tenantId,
            HttpServletRequest request,
            Model model) {
        CallContext ctx =
                calls.require(user, tenantId, Permission.AGENT_WRITE, request).call();
        tokens.revoke(ctx, id);
        model.addAttribute("token", tokens.get(ctx, id));
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("canWrite", true);
        return "agents/enrollment-token-row :: row";
    }

    private void populate(CurrentUser user, UUID requested, String cursor, Model model) {
        TenantChoices.Chosen tenant = choices.choose(user, Permission.AGENT_READ, requested, model);
        if (tenant == null) {
            return;
        }
        CallContext ctx = calls.on(user, tenant.id(), tenant.scope(), null);
        model.addAttribute("tenantId", tenant.id());
        model.addAttribute("page", tokens.list(ctx, 100, cursor == null || cursor.isBlank() ? null : cursor));
        model.addAttribute("canWrite", tenant.holds(Permission.AGENT_WRITE));
    }

    private static Integer uses(String maxUses) {
        if (maxUses == null || maxUses.isBlank()) {
            return null;
        }
        try {
            int uses = Integer.parseInt(maxUses.strip());
            if (uses < 1) {
                throw ApiException.invalid("maxUses", "must be at least 1");
            }
            return uses;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("maxUses", "must be a whole number");
        }
    }

    /** {@code k=v, k2=v2} from the form. */
    static Map<String, String> parseTags(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return tags;
        }
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw ApiException.invalid("tags", "must look like key=value, key2=value2");
            }
            tags.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return tags;
    }
}
