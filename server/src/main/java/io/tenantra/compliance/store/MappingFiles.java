package io.tenantra.compliance.store;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The check-to-control mappings a tenant imported ({@code tenantra/mappings@1} files), parsed. */
@Component
public class MappingFiles {

    private final FrameworkRows rows;
    private final TenantTransactions tx;

    MappingFiles(FrameworkRows rows, TenantTransactions tx) {
        this.rows = rows;
        this.tx = tx;
    }

    /** One mapping: a check supports these controls of a framework. */
    public record Entry(String check, String framework, List<String> controls) {}

    public List<Entry> entries(TenantScope scope, UUID tenantId) {
        List<Entry> entries = new ArrayList<>();
        for (FrameworkRows.SourceRow row : tx.read(scope, () -> rows.mappings(tenantId))) {
            entries.addAll(parse(row.fileName(), row.source()));
        }
        return entries;
    }

    /** Parses a mapping file; {@link io.tenantra.compliance.content.ContentException} when invalid. */
    public static List<Entry> parse(String fileName, String source) {
        return io.tenantra.compliance.frameworks.MappingFormat.parse(fileName, source).stream()
                .map(m -> new Entry(m.check(), m.framework(), m.controls()))
                .toList();
    }
}
