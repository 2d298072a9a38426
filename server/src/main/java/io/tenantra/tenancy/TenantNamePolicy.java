package io.tenantra.tenancy;

import io.tenantra.platform.text.TextRules;
import java.util.regex.Pattern;

/**
 * A tenant's name and slug. The slug is its permanent, globally unique handle (URLs, exports,
 * support conversations), so it is set once at creation and never changes; the name can.
 */
final class TenantNamePolicy {

    static final int MAX_NAME = 200;
    static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{1,62}$");

    private TenantNamePolicy() {}

    static void name(String name, Violations violations) {
        if (name == null) {
            violations.add("name", "is required");
        } else if (name.isBlank() || TextRules.length(name) > MAX_NAME) {
            violations.add("name", "must be 1 to " + MAX_NAME + " characters, not blank");
        }
    }

    static void slug(String slug, Violations violations) {
        if (slug == null) {
            violations.add("slug", "is required");
        } else if (!SLUG.matcher(slug).matches()) {
            violations.add("slug", "must be 2 to 63 lowercase letters, digits or '-', starting with a letter or digit");
        }
    }
}
