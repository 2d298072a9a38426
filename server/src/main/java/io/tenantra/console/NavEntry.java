package io.tenantra.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One place on the navigation bar as the layout draws it: a link ({@code group} null, one item)
 * or a menu of a {@link NavGroup}'s items. A group of which the user may see a single item
 * becomes that item's link.
 */
public record NavEntry(NavGroup group, List<NavItem> items, int order) {

    /** Whether this is a plain link rather than a menu. */
    public boolean single() {
        return group == null;
    }

    /** The link's item (for a single entry). */
    public NavItem item() {
        return items.get(0);
    }

    /** The bar for the items a user may see (already filtered), in order. */
    static List<NavEntry> bar(List<NavItem> visible) {
        List<NavEntry> entries = new ArrayList<>();
        Map<NavGroup, List<NavItem>> grouped = new EnumMap<>(NavGroup.class);
        for (NavItem item : visible) {
            if (item.group() == null) {
                entries.add(new NavEntry(null, List.of(item), item.order()));
            } else {
                grouped.computeIfAbsent(item.group(), g -> new ArrayList<>()).add(item);
            }
        }
        grouped.forEach((group, items) -> {
            items.sort(Comparator.comparingInt(NavItem::order));
            entries.add(
                    items.size() == 1
                            ? new NavEntry(null, List.copyOf(items), group.order())
                            : new NavEntry(group, List.copyOf(items), group.order()));
        });
        entries.sort(Comparator.comparingInt(NavEntry::order));
        return List.copyOf(entries);
    }
}
