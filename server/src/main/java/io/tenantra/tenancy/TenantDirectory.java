package io.tenantra.tenancy;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * The tenancy module's facade: look tenants up, and create, change and delete them. Who may do
 * what is not decided here (tenancy knows nothing of users): callers check access first and, for
 * changes, in the {@code authorize} callback, which sees the locked row and exactly what would
 * change. What is decided here are the rules of the tree itself: valid names, settings and
 * branding, no cycles, a fixed root, no deletion of a tenant that still holds anything. Every
 * change publishes its audit event in its own transaction and refreshes {@link TenantHierarchy}.
 */
@Service
public class TenantDirectory {

    private final TenantRepository tenants;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;
    private final TenantCreation creation;
    private final TenantUpdate update;
    private final TenantDeletion deletion;
    private final Clock clock;

    TenantDirectory(
            TenantRepository tenants,
            TenantTransactions tx,
            TenantHierarchy hierarchy,
            TenantCreation creation,
            TenantUpdate update,
            TenantDeletion deletion,
            Clock clock) {
        this.tenants = tenants;
        this.tx = tx;
        this.hierarchy = hierarchy;
        this.creation = creation;
        this.update = update;
        this.deletion = deletion;
        this.clock = clock;
    }

    /** The platform operator's tenant, created on first start. */
    public Optional<UUID> rootTenantId() {
        return tenants.rootId();
    }

    /**
     * Creates the root tenant if there is none yet and returns its id. Runs at start-up before
     * any user exists, so there is no actor and no audit event.
     */
    public UUID ensureRoot(String name, String slug) {
        return tenants.rootId().orElseGet(() -> {
            UUID id = UUID.randomUUID();
            Instant now = TenantWrites.now(clock);
            Tenant root = new Tenant(
                    id,
                    null,
                    name,
                    slug,
                    Tenant.Plan.ENTERPRISE,
                    Tenant.Status.ACTIVE,
                    TenantSettings.DEFAULTS,
                    TenantBranding.NONE,
                    now,
                    null,
                    now,
                    null);
            tx.write(TenantScope.of(id), () -> {
                tenants.insert(root);
                return null;
            });
            return id;
        });
    }

    public Optional<Tenant> find(TenantScope scope, UUID id) {
        if (!scope.contains(id)) {
            return Optional.empty();
        }
        return tx.read(scope, () -> tenants.find(id));
    }

    /** Every tenant of the scope, by name. */
    public List<Tenant> visible(TenantScope scope) {
        return tx.read(scope, () -> tenants.findAll(scope.tenantIds()));
    }

    /** One page of a search over tenants, and how many matched in all. */
    public record Found(List<Tenant> rows, long total) {}

    /**
     * The tenants of the scope whose name or slug contains {@code q} (case-insensitive) or whose
     * plan it names, sorted in the database by {@code name}, {@code plan} or {@code created}
     * ({@code descending} or not; ties by slug, which is unique, so no row repeats across pages),
     * {@code limit} from {@code offset}, with the number that matched.
     */
    public Found search(TenantScope scope, String q, String sort, boolean descending, int limit, long offset) {
        if (!TenantRepository.SORTS.containsKey(sort)) {
            throw ApiException.invalid("sort", "must be name, plan or created");
        }
        return tx.read(scope, () -> tenants.search(scope.tenantIds(), q, sort, descending, limit, offset));
    }

    /**
     * Up to {@code limit} tenants of the scope in slug order, after {@code afterSlug} (null: from
     * the start), only children of {@code parentId} when it is not null.
     */
    public List<Tenant> page(TenantScope scope, UUID parentId, String afterSlug, int limit) {
        return tx.read(scope, () -> tenants.page(scope.tenantIds(), parentId, afterSlug, limit));
    }

    /** A tenant's own settings; 404 when the scope does not include it. */
    public TenantSettings settings(TenantScope scope, UUID tenantId) {
        return find(scope, tenantId).map(Tenant::settings).orElseThrow(() -> ApiException.notFound("The tenant"));
    }

    /**
     * A tenant's settings for code that acts before any caller is known, such as login deciding
     * whether a second factor is due: the tenant comes from the user's own record.
     */
    public TenantSettings settingsOf(UUID tenantId) {
        return settings(TenantScope.of(tenantId), tenantId);
    }

    /** A tenant and all of its descendants. */
    public Set<UUID> subtree(UUID root) {
        return Set.copyOf(tenants.subtree(root));
    }

    /**
     * The tenant's own {@code passwordMinLength} setting, when it holds a whole number. Only this
     * one setting: login protection needs it before the full tenant settings exist.
     */
    public Optional<Integer> passwordMinLength(UUID tenantId) {
        return tx.read(TenantScope.of(tenantId), () -> tenants.setting(tenantId, "passwordMinLength"))
                .flatMap(TenantDirectory::wholeNumber);
    }

    /**
     * Whether users of {@code tenantId} must use multi-factor authentication: the setting
     * {@code mfaRequired} is true on the tenant or on any of its ancestors (a parent's policy
     * binds everyone below it).
     */
    public boolean mfaRequired(UUID tenantId) {
        List<UUID> chain = new ArrayList<>();
        for (UUID at = tenantId;
                at != null && !chain.contains(at);
                at = hierarchy.parentOf(at).orElse(null)) {
            chain.add(at);
        }
        return tx.read(TenantScope.of(chain), () -> tenants.anySettingTrue(chain, "mfaRequired"));
    }

    private static Optional<Integer> wholeNumber(String value) {
        try {
            return Optional.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates a tenant below {@code spec.parentId()} for the call's actor, who must already be
     * allowed to. 422 for invalid fields, 409 for a slug already taken.
     */
    public Tenant create(CallContext call, NewTenant spec) {
        return creation.create(call, spec);
    }

    /**
     * Applies {@code changes}; {@code authorize} runs before anything is written and throws to
     * refuse. A request that changes nothing writes and audits nothing.
     */
    public Tenant update(CallContext call, UUID tenantId, TenantChanges changes, Consumer<TenantDiff> authorize) {
        return update.update(call, tenantId, changes, authorize);
    }

    /** Deletes an empty tenant; {@code authorize} runs on the locked row first. */
    public void delete(CallContext call, UUID tenantId, Consumer<Tenant> authorize) {
        deletion.delete(call, tenantId, authorize);
    }
}
