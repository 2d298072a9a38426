package io.tenantra.tenantadmin.web;

import io.tenantra.identity.CurrentUser;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenantadmin.TenantAdministration;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the tenants page's parts need in the model (the table, the tree, the detail panel and
 * its forms), shared by the controller that shows the page and the one that changes tenants,
 * so a panel looks the same whichever answered.
 */
@Component
class TenantPageModel {

    private final TenantAdministration administration;

    TenantPageModel(TenantAdministration administration) {
        this.administration = administration;
    }

    /** The tree and the first page of the table in its default order. */
    void addLists(Model model, CurrentUser user) {
        addLists(model, user, null, null, null, null);
    }

    void addLists(Model model, CurrentUser user, String q, String sort, Integer page, Integer size) {
        List<Tenant> readable = administration.readable(user);
        model.addAttribute("tree", TenantNode.forest(readable));
        model.addAttribute("list", TenantList.of(search(user), names(readable), q, sort, page, size));
    }

    /** The table's query for {@code user}: the tenants they may read, in the database. */
    TenantList.Search search(CurrentUser user) {
        return (q, sort, descending, limit, offset) -> administration.search(user, q, sort, descending, limit, offset);
    }

    /** Names of the readable tenants by id, for the parent column. */
    static java.util.Map<java.util.UUID, String> names(List<Tenant> readable) {
        return readable.stream().collect(java.util.stream.Collectors.toMap(Tenant::id, Tenant::name));
    }

    /** The detail panel of {@code tenant}: what the caller may do, its parent by name, the forms. */
    void select(Model model, CurrentUser user, Tenant tenant) {
        model.addAttribute("selected", tenant);
        model.addAttribute("actions", administration.actions(user, tenant));
        model.addAttribute("parent", parentOf(user, tenant));
        if (!model.containsAttribute("childForm")) {
            model.addAttribute("childForm", ChildTenantForm.EMPTY);
        }
        if (!model.containsAttribute("editForm")) {
            model.addAttribute("editForm", TenantEditForm.of(tenant));
        }
        model.addAttribute("plans", Tenant.Plan.values());
    }

    /** The parent when the caller may read it; a parent above the caller's reach is not named. */
    private Tenant parentOf(CurrentUser user, Tenant tenant) {
        if (tenant.parentId() == null) {
            return null;
        }
        return administration.readable(user).stream()
                .filter(t -> Objects.equals(t.id(), tenant.parentId()))
                .findFirst()
                .orElse(null);
    }
}
