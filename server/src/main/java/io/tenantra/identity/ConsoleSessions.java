package io.tenantra.identity;

import java.util.UUID;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * The console's signed-in HTTP sessions, so that a password change can end the other ones just as
 * it revokes the other API sessions. Spring Security's registry records each console login; an
 * expired session is logged out on its next request.
 */
@Component
class ConsoleSessions {

    private final SessionRegistry registry;

    ConsoleSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Expires every console session of the user except {@code keep} (null: all); returns how many. */
    int expireAllOf(UUID userId, String keep) {
        int expired = 0;
        for (Object principal : registry.getAllPrincipals()) {
            if (!(principal instanceof CurrentUser user) || !user.userId().equals(userId)) {
                continue;
            }
            for (SessionInformation session : registry.getAllSessions(principal, false)) {
                if (!session.getSessionId().equals(keep)) {
                    session.expireNow();
                    expired++;
                }
            }
        }
        return expired;
    }
}
