package io.tenantra.compliance.frameworks;

import java.util.List;
import java.util.Objects;

/**
 * A framework version with its controls in document order (e.g. {@code nist-800-53-r5},
 * {@code iso-27001-2022}, {@code cis-linux-l1}). Checks map to controls by framework id and
 * control id (in the check's {@code frameworks} field, or in an imported mapping file).
 */
public record Framework(String id, String version, String title, String publisher, List<Control> controls) {

    public Framework {
        Objects.requireNonNull(id, "id");
        controls = controls == null ? List.of() : List.copyOf(controls);
    }
}
