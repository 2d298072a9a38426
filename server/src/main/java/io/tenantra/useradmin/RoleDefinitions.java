package io.tenantra.useradmin;

import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How roles are shown and paged. The roles usable on one tenant are few (the built-in ones and at
 * most {@link RoleAdminService#MAX_CUSTOM_ROLES_PER_TENANT} per ancestor), so a page is cut from
 * the whole sorted list; the cursor still holds the last sort key, not a position, so a role
 * added meanwhile neither repeats nor skips another.
 */
@Component
class RoleDefinitions {

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::group).thenComparing(Key::sort).thenComparing(Key::id);

    PageResponse<RoleDefinition> page(Collection<RoleCatalog.Resolved> usable, int limit, String cursor) {
        Key after = null;
        if (cursor != null) {
            List<String> keys = Cursors.decode(cursor, 3);
            if (!keys.get(0).equals("0") && !keys.get(0).equals("1")) {
                throw Cursors.malformed();
            }
            after = new Key(keys.get(0), keys.get(1), keys.get(2));
        }
        List<RoleCatalog.Resolved> sorted = new ArrayList<>(usable);
        sorted.sort(Comparator.comparing(RoleDefinitions::key, ORDER));
        List<RoleDefinition> items = new ArrayList<>();
        String next = null;
        for (RoleCatalog.Resolved role : sorted) {
            Key key = key(role);
            if (after != null && ORDER.compare(key, after) <= 0) {
                continue;
            }
            if (items.size() == limit) {
                Key last = key(sorted.get(sorted.indexOf(role) - 1));
                next = Cursors.encode(last.group(), last.sort(), last.id());
                break;
            }
            items.add(of(role));
        }
        return new PageResponse<>(items, next);
    }

    static RoleDefinition of(RoleCatalog.Resolved role) {
        if (role.builtIn() != null) {
            return new RoleDefinition(
                    null,
                    null,
                    role.name(),
                    PermissionCatalog.describe(role.builtIn()),
                    role.permissions().stream().sorted().map(Enum::name).toList(),
                    true,
                    null,
                    null,
                    null,
                    null);
        }
        return of(role.custom());
    }

    static RoleDefinition of(CustomRoleRepository.RoleRow role) {
        return new RoleDefinition(
                role.id(),
                role.tenantId(),
                role.name(),
                role.description(),
                role.granted().stream().sorted().map(Enum::name).toList(),
                false,
                role.createdAt(),
                role.createdBy(),
                role.modifiedAt(),
                role.modifiedBy());
    }

    private static Key key(RoleCatalog.Resolved role) {
        if (role.builtIn() != null) {
            // Zero-padded so that string order is declaration order.
            return new Key(
                    "0", String.format(Locale.ROOT, "%03d", role.builtIn().ordinal()), "");
        }
        return new Key(
                "1", role.name().toLowerCase(Locale.ROOT), role.custom().id().toString());
    }

    private record Key(String group, String sort, String id) {}
}
