package io.tenantra.console;

import io.tenantra.identity.Permission;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One column of the MSP roll-up ({@code /msp/clients}), contributed as a bean by the module that
 * owns the figure, the way {@link DashboardTile}s are. The roll-up asks each column once for all
 * its rows: {@code cells} receives every customer tenant on which the user holds {@code
 * permission} and must answer with one set-based read (never one query per tenant), because an
 * MSP has hundreds of customers. Tenants missing from the answer have no value (shown as a dash,
 * sorted last). The {@code id} is the column's sort key in URLs and its test id, unique across
 * contributions.
 */
public record ClientColumn(
        String id, String label, int order, Permission permission, Function<Set<UUID>, Map<UUID, Cell>> cells) {

    public ClientColumn {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(cells, "cells");
    }

    /**
     * One value: {@code sortKey} orders the column (a number or an instant), {@code text} is shown,
     * {@code href} (optional) is where a click leads, {@code flag} (optional) marks a value that
     * needs attention.
     */
    public record Cell(Comparable<?> sortKey, String text, String href, String flag) {

        public static Cell of(long count, String href) {
            return new Cell(count, String.valueOf(count), href, null);
        }
    }
}
