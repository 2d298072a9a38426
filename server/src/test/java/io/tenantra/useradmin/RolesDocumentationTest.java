package io.tenantra.useradmin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.Permission;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The role and permission tables in the security documentation are generated from the code, and
 * this test fails when they differ. Run with {@code -Dtenantra.docs.write=true} to rewrite them.
 */
class RolesDocumentationTest {

    // The section may live in its own file or in docs/security.md; whichever holds the markers.
    private static final Path[] CANDIDATES = {Path.of("../docs/security.md"), Path.of("../docs/security-users-roles.md")
    };

    @Test
    void roleAndPermissionTablesMatchTheCode() throws IOException {
        Path doc = Arrays.stream(CANDIDATES)
                .filter(p -> Files.exists(p) && contains(p, marker("builtin-roles")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no documentation file holds " + marker("builtin-roles")));
        String text = Files.readString(doc);
        String expected = replace(replace(text, "builtin-roles", builtInRoles()), "permissions", permissions());
        if (Boolean.getBoolean("tenantra.docs.write") && !text.equals(expected)) {
            Files.writeString(doc, expected);
            text = expected;
        }
        assertThat(text)
                .as("%s is out of date; regenerate it (see the test's javadoc)", doc)
                .isEqualTo(expected);
    }

    static String builtInRoles() {
        return "| role | for | permissions |\n| --- | --- | --- |\n"
                + Arrays.stream(BuiltInRole.values())
                        .map(r -> "| `" + r.name() + "` | " + PermissionCatalog.describe(r) + " | "
                                + r.permissions().stream()
                                        .sorted()
                                        .map(p -> "`" + p.name() + "`")
                                        .collect(Collectors.joining(", "))
                                + " |")
                        .collect(Collectors.joining("\n"));
    }

    static String permissions() {
        return "| permission | allows |\n| --- | --- |\n"
                + Arrays.stream(Permission.values())
                        .map(p -> "| `" + p.name() + "` | " + PermissionCatalog.describe(p) + " |")
                        .collect(Collectors.joining("\n"));
    }

    private static String replace(String text, String name, String table) {
        int start = text.indexOf(marker(name));
        int end = text.indexOf("<!-- /generated:" + name + " -->");
        assertThat(start).as("marker %s", marker(name)).isNotNegative();
        assertThat(end).as("end marker of %s", name).isGreaterThan(start);
        return text.substring(0, start + marker(name).length()) + "\n" + table + "\n" + text.substring(end);
    }

    private static String marker(String name) {
        return "<!-- generated:" + name + " -->";
    }

    private static boolean contains(Path path, String marker) {
        try {
            return Files.readString(path).contains(marker);
        } catch (IOException e) {
            return false;
        }
    }
}
