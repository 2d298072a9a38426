package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One tile of the home dashboard. Modules that own a figure contribute a tile as a bean, the way
 * they contribute {@link NavItem}s; the dashboard shows the tiles in {@code order}, to callers
 * holding {@code permission} (null: everyone signed in). The {@code id} is also the tile's test id
 * and must be unique: two tiles with one id stop the server at startup.
 *
 * @param content computes the tile for the signed-in user at request time
 */
public record DashboardTile(String id, int order, Permission permission, Function<CurrentUser, Content> content) {

    public DashboardTile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
    }

    /** How a tile is drawn: a figure in the top row, or a chart below. */
    public enum Kind {
        FIGURE,
        PIE,
        BAR
    }

    /**
     * What a tile shows. A figure has a {@code value} and an optional warning {@code note}; a chart
     * has a {@code series} of named counts in display order.
     */
    public record Content(String label, Kind kind, String value, String note, Map<String, Long> series) {

        public static Content figure(String label, Object value, String note) {
            return new Content(label, Kind.FIGURE, String.valueOf(value), note, Map.of());
        }

        public static Content chart(String label, Kind kind, Map<String, Long> series) {
            return new Content(label, kind, null, null, series);
        }

        public boolean isChart() {
            return kind != Kind.FIGURE;
        }

        /** The echarts type the page's chart script draws. */
        public String chartType() {
            return kind == Kind.PIE ? "pie" : "bar";
        }
    }

    /** A tile as the dashboard renders it: its id with its content. */
    public record Shown(String id, Content content) {}
}
