package io.tenantra.compliance.store;

import io.tenantra.compliance.frameworks.FrameworkMapping;
import io.tenantra.compliance.frameworks.MappingFormat;
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

    public List<FrameworkMapping> entries(TenantScope scope, UUID tenantId) {
        List<FrameworkMapping> entries = new ArrayList<>();
        for (FrameworkRows.SourceRow row : tx.read(scope, () -> rows.mappings(tenantId))) {
            entries.addAll(MappingFormat.parse(row.fileName(), row.source()));
        }
        return entries;
    }
}
