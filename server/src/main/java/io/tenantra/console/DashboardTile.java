package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * One tile of a console board. Modules that own a figure contribute a tile as a bean, the way they
 * contribute {@link NavItem}s; a board shows its tiles in {@code order}, to callers holding {@code
 * permission} (null: everyone signed in). The {@code id} is also the tile's test id and must be
 * unique: two tiles with one id stop the server at startup.
 *
 * <p>A tile is computed for a {@link View}: the signed-in user and the tenants it covers, which
 * are the tenants shown (one chosen tenant, or all the user's) on which the user holds the tile's
 * permission. A tile never reads beyond them, so a customer's user never sees a figure of another
 * tenant or of the platform.
 *
 * @param board where the tile is shown: the home dashboard, or the platform operators' page
 * @param content computes the tile at request time
 */
public record DashboardTile(String id, int order, Permission permission, Board board, Function<View, Content> content) {

    public DashboardTile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(content, "content");
    }

    /**
     * A home-dashboard tile computed from the user alone (it chooses its own tenants); kept for
     * tiles written before views existed.
     */
    public DashboardTile(String id, int order, Permission permission, Function<CurrentUser, Content> content) {
        this(id, order, permission, Board.HOME, view -> content.apply(view.user()));
    }

    /** A home-dashboard tile computed over the tenants of its view. */
    public static DashboardTile home(String id, int order, Permission permission, Function<View, Content> content) {
        return new DashboardTile(id, order, permission, Board.HOME, content);
    }

    /** Which page shows a tile. */
    public enum Board {
        /** The home dashboard, {@code /}: figures of the tenants the user can see. */
        HOME,
        /** The platform page, {@code /platform}: the server itself, for platform operators only. */
        PLATFORM
    }

    /**
     * What a tile is computed for.
     *
     * @param tenants the tenants the tile may read: those shown on which the user holds the tile's
     *     permission (every tenant shown when the tile has none); may be empty
     * @param focus the one tenant the page shows, or null when it shows all the user's tenants
     */
    public record View(CurrentUser user, Set<UUID> tenants, UUID focus) {

        public View {
            tenants = Set.copyOf(tenants);
        }

        /** The query string that keeps a link on the tenant shown: {@code tenant=<id>&} or empty. */
        public String tenantQuery() {
            return focus == null ? "" : "tenant=" + focus + "&";
        }
    }

    /** How a tile is drawn: a figure in the top row, a chart, or a list of rows below. */
    public enum Kind {
        FIGURE,
        PIE,
        BAR,
        LIST
    }

    /**
     * What a tile shows. A figure has a {@code value}, an optional warning {@code note} and an
     * optional {@code href} to click through to; a chart has a {@code series} of named counts in
     * display order; a list has {@code rows}.
     */
    public record Content(
            String label, Kind kind, String value, String note, Map<String, Long> series, String href, List<Row> rows) {

        public Content {
            series = series == null ? Map.of() : series;
            rows = rows == null ? List.of() : List.copyOf(rows);
        }

        public static Content figure(String label, Object value, String note) {
            return figure(label, value, note, null);
        }

        public static Content figure(String label, Object value, String note, String href) {
            return new Content(label, Kind.FIGURE, String.valueOf(value), note, Map.of(), href, List.of());
        }

        public static Content chart(String label, Kind kind, Map<String, Long> series) {
            return new Content(label, kind, null, null, series, null, List.of());
        }

        /** A list; {@code empty} is what it says when there are no rows. */
        public static Content list(String label, List<Row> rows, String empty) {
            return new Content(label, Kind.LIST, null, empty, Map.of(), null, rows);
        }

        public boolean isChart() {
            return kind == Kind.PIE || kind == Kind.BAR;
        }

        public boolean isList() {
            return kind == Kind.LIST;
        }

        /** The echarts type the page's chart script draws. */
        public String chartType() {
            return kind == Kind.PIE ? "pie" : "bar";
        }
    }

    /**
     * One row of a list tile: a {@code label} (linked to {@code href} when given), a {@code value}
     * on the right, a {@code detail} line under the label, and a {@code flag} (a severity or
     * status word, styled by the page) when the row deserves attention.
     */
    public record Row(String label, String value, String detail, String href, String flag) {}

    /** A tile as a board renders it: its id with its content. */
    public record Shown(String id, Content content) {}
}
