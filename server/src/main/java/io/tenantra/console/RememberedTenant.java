package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The tenant last chosen in the console, kept in the browser's HTTP session so that it carries
 * from page to page (and survives on every node, since sessions may live in the database).
 *
 * <p>Why the request context rather than an injected session-scoped bean: {@link TenantChoices}
 * is also called where no browser session exists (API-key or test callers, htmx fragments of an
 * expired session); {@link RequestContextHolder} lets those simply have no memory instead of
 * failing on a scoped proxy with no request behind it, and it never creates a session (the
 * console's login always has one). The value is a preference, not an authorisation: every read is
 * checked against the tenants the page offers, and it is stored per user id so an impersonation
 * (another principal in the same session) never inherits the impersonator's choice.
 */
@Component
class RememberedTenant {

    static final String ATTRIBUTE = RememberedTenant.class.getName();

    /** The remembered tenant of this user in this session, if any. */
    Optional<UUID> recall(CurrentUser user) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null || user == null) {
            return Optional.empty();
        }
        Object stored = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_SESSION);
        return stored instanceof Choice choice && choice.userId().equals(user.userId())
                ? Optional.of(choice.tenantId())
                : Optional.empty();
    }

    /** Remembers an explicit choice; a no-op outside a request with a session. */
    void remember(CurrentUser user, UUID tenantId) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes == null || user == null || user.userId() == null) {
            return;
        }
        // getSessionId() would create a session; a stateless caller (API key) must stay stateless.
        if (!(attributes instanceof ServletRequestAttributes servlet)
                || servlet.getRequest().getSession(false) == null) {
            return;
        }
        attributes.setAttribute(ATTRIBUTE, new Choice(user.userId(), tenantId), RequestAttributes.SCOPE_SESSION);
    }

    /** Serializable: sessions may be stored by spring-session-jdbc. */
    record Choice(UUID userId, UUID tenantId) implements java.io.Serializable {}
}
