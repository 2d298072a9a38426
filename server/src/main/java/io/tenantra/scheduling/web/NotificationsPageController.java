package io.tenantra.scheduling.web;

import io.tenantra.identity.CallContexts;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import io.tenantra.scheduling.Notifications;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The signed-in user's own notifications (scheduled runs that finished, with a link to the
 * results), newest first, and "mark all read". Only the user's own rows, in the tenants the user
 * can see; no tenant is chosen, so the page needs no permission beyond being signed in.
 */
@Controller
class NotificationsPageController {

    private final Notifications notifications;
    private final CallContexts calls;
    private final TenantAccess access;

    NotificationsPageController(Notifications notifications, CallContexts calls, TenantAccess access) {
        this.notifications = notifications;
        this.calls = calls;
        this.access = access;
    }

    /** The user on their home tenant, seeing every tenant where scheduled scans may notify them. */
    private CallContext call(CurrentUser user, HttpServletRequest request) {
        Set<UUID> tenants = new HashSet<>(access.tenantsWith(user, Permission.SCAN_READ));
        tenants.add(user.tenantId());
        return calls.on(user, user.tenantId(), TenantScope.of(tenants), request);
    }

    @AuthenticatedEndpoint
    @GetMapping("/notifications")
    String list(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request, Model model) {
        CallContext call = call(user, request);
        model.addAttribute("notices", notifications.recent(call.scope(), user.userId()));
        return "scheduling/notifications";
    }

    @AuthenticatedEndpoint
    @PostMapping("/notifications/read")
    String markRead(@AuthenticationPrincipal CurrentUser user, HttpServletRequest request) {
        notifications.markAllRead(call(user, request));
        return "redirect:/notifications";
    }
}
