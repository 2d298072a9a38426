package io.tenantra.identity;

import static io.tenantra.identity.Permission.*;

import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an API key may be. The rule behind the permissions a key can never carry: revoking a key
 * (or its creator) must end everything it can do. A key that could mint keys, create or change
 * users and roles, or act as someone else could leave behind credentials that outlive it; and
 * platform operation is kept to people who sign in.
 */
final class ApiKeyPolicy {

    /** Never on a key, whoever creates it. Documented in docs/security-keys-impersonation.md. */
    static final Set<Permission> NEVER_ON_KEYS =
            Set.copyOf(EnumSet.of(PLATFORM_ADMIN, IMPERSONATE, API_KEY_WRITE, USER_WRITE, ROLE_WRITE));

    /** The longest a key may live; longer-lived automation rotates its key. */
    static final Duration MAX_LIFETIME = Duration.ofDays(730);

    private ApiKeyPolicy() {}

    /** What a caller holding {@code held} on a tenant may put on a key there. */
    static Set<Permission> grantable(Set<Permission> held) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        result.addAll(held);
        result.removeAll(NEVER_ON_KEYS);
        return result;
    }

    /**
     * The key's permissions: the requested ones, or by default everything the creator may grant.
     * Unknown names and never-grantable permissions are invalid input (422); permissions the
     * creator lacks are a refusal (403).
     */
    static Set<Permission> permissions(List<String> requested, Set<Permission> held) {
        Set<Permission> result;
        if (requested == null) {
            result = grantable(held);
        } else {
            result = EnumSet.noneOf(Permission.class);
            for (String name : requested) {
                Permission p = parse(name);
                if (NEVER_ON_KEYS.contains(p)) {
                    throw ApiException.invalid("permissions", p + " can never be granted to an API key");
                }
                result.add(p);
            }
            Set<Permission> missing = EnumSet.noneOf(Permission.class);
            missing.addAll(result);
            missing.removeAll(held);
            if (!missing.isEmpty()) {
                throw ApiException.forbidden(
                        "An API key can only carry permissions you hold on this tenant; you lack " + missing + ".");
            }
        }
        if (result.isEmpty()) {
            throw ApiException.invalid("permissions", "must name at least one permission an API key may carry");
        }
        return result;
    }

    /** A key's name, trimmed: 1 to 100 printable characters. */
    static String name(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw ApiException.invalid("name", "must not be blank");
        }
        if (TextRules.length(trimmed) > 100) {
            throw ApiException.invalid("name", "must be at most 100 characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("name", "must not contain control characters");
        }
        return trimmed;
    }

    /** Null (never expires) or a moment in the future no more than {@link #MAX_LIFETIME} away. */
    static Instant expiry(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return null;
        }
        if (!expiresAt.isAfter(now)) {
            throw ApiException.invalid("expiresAt", "must be in the future");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw ApiException.invalid("expiresAt", "must be at most 730 days (2 years) from now");
        }
        return expiresAt;
    }

    private static Permission parse(String name) {
        try {
            return Permission.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiException.invalid("permissions", "'" + name + "' is not a known permission");
        }
    }
}
