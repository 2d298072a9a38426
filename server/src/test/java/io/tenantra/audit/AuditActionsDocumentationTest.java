package io.tenantra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.platform.audit.AuditAction;
import io.tenantra.support.GeneratedDocs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalogue of audit actions is the auditors' vocabulary: {@code docs/audit.md} lists every
 * action with its meaning, generated from {@link AuditAction}, and codes keep their shape.
 */
class AuditActionsDocumentationTest {

    @Test
    void theDocumentedCatalogueIsTheCodesCatalogue() throws IOException {
        String table = "| action | meaning |\n| --- | --- |\n"
                + Arrays.stream(AuditAction.values())
                        .map(a -> "| `" + a.code() + "` | " + a.meaning() + " |")
                        .collect(Collectors.joining("\n"));
        GeneratedDocs.assertSection(Path.of("../docs/audit.md"), "audit-actions", table);
    }

    @Test
    void everyCodeIsUniqueAndDottedWithAMeaning() {
        Set<String> codes =
                Arrays.stream(AuditAction.values()).map(AuditAction::code).collect(Collectors.toSet());
        assertThat(codes).hasSameSizeAs(AuditAction.values());
        for (AuditAction action : AuditAction.values()) {
            assertThat(action.code()).matches("[a-z_]+(\\.[a-z_-]+)+");
            assertThat(action.meaning()).endsWith(".").hasSizeGreaterThan(20);
        }
    }
}
