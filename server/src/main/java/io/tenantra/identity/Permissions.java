package io.tenantra.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * Parsing of stored permission names; unknown names (from a newer or older version) grant nothing.
 * Public because custom roles and API keys, stored by the administration module, hold them too.
 */
public final class Permissions {

    private Permissions() {}

    public static Set<Permission> parse(String[] names) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        if (names == null) {
            return result;
        }
        for (String name : names) {
            try {
                result.add(Permission.valueOf(name));
            } catch (IllegalArgumentException ignored) {
                // a permission this version does not know cannot be checked, so it grants nothing
            }
        }
        return result;
    }
}
