package io.tenantra.tenantadmin.web;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** The tenants table as CSV (RFC 4180): what the page lists, every page of it. */
final class TenantCsv {

    private TenantCsv() {}

    static String write(List<TenantList.Row> rows) {
        StringBuilder csv = new StringBuilder("id,name,slug,plan,status,parent,created\r\n");
        for (TenantList.Row row : rows) {
            var t = row.tenant();
            csv.append(t.id()).append(',');
            csv.append(cell(t.name())).append(',');
            csv.append(cell(t.slug())).append(',');
            csv.append(t.plan()).append(',');
            csv.append(t.status()).append(',');
            csv.append(cell(row.parentName() == null ? "" : row.parentName())).append(',');
            csv.append(DateTimeFormatter.ISO_INSTANT.format(t.createdAt())).append("\r\n");
        }
        return csv.toString();
    }

    /**
     * Quotes a cell when it needs it, and defuses values a spreadsheet would run as a formula
     * (a tenant name is typed by a customer).
     */
    private static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
