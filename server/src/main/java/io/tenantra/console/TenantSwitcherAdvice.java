package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every console page the header's tenant switcher ({@code switcher}, a {@link
 * TenantSwitcher}): the tenants the signed-in user can see with any permission. Which of them is
 * current is decided by the layout from the page's own {@code tenant} attribute, which the page's
 * controller sets after this advice has run; pages without one name the remembered tenant.
 */
@ControllerAdvice(annotations = Controller.class)
class TenantSwitcherAdvice {

    private final TenantAccess access;
    private final TenantDirectory tenants;
    private final RememberedTenant remembered;

    TenantSwitcherAdvice(TenantAccess access, TenantDirectory tenants, RememberedTenant remembered) {
        this.access = access;
        this.tenants = tenants;
        this.remembered = remembered;
    }

    @ModelAttribute
    void addSwitcher(Model model, Authentication authentication, HttpServletRequest request) {
        if (authentication != null
                && authentication.getPrincipal() instanceof CurrentUser user
                && rendersLayout(request)) {
            model.addAttribute("switcher", switcher(user, request));
        }
    }

    private TenantSwitcher switcher(CurrentUser user, HttpServletRequest request) {
        Set<UUID> visible = access.visibleTenants(user);
        List<Tenant> shown = visible.isEmpty() ? List.of() : tenants.visible(TenantScope.of(visible));
        UUID fallback = remembered.recall(user).filter(visible::contains).orElse(user.tenantId());
        return TenantSwitcher.of(shown, request.getRequestURI(), fallback);
    }

    // The API and htmx fragments never render the layout: spare them the tenant query.
    private static boolean rendersLayout(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                && request.getHeader("HX-Request") == null;
    }
}
