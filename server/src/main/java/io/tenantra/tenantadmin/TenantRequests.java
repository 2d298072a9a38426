package io.tenantra.tenantadmin;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tenantra.tenancy.NewTenant;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantChanges;
import java.util.Map;
import java.util.UUID;

/**
 * Request bodies of the tenant API. Field rules (lengths, patterns, settings keys) are checked by
 * the tenancy policies, so the API and the console give the same answers; Jackson checks types.
 */
final class TenantRequests {

    private TenantRequests() {}

    /** {@code POST /api/v1/tenants} (shape fixed in engineering.md). */
    @Schema(name = "TenantCreateRequest")
    record Create(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, example = "Acme Logistics GmbH")
            String name,

            @Schema(
                    requiredMode = Schema.RequiredMode.REQUIRED,
                    pattern = "^[a-z0-9][a-z0-9-]{1,62}$",
                    example = "acme-logistics")
            String slug,

            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0b9e6c1e-3c55-4b7e-9a47-5f0e2d1c8a10")
            UUID parentId,

            @Schema(description = "defaults to FREE", example = "PRO")
            Tenant.Plan plan,

            @Schema(description = "mfaRequired, passwordMinLength, sessionTimeoutMinutes, enabledModules")
            Map<String, Object> settings,

            @Schema(description = "displayName, logoUrl, primaryColor")
            Map<String, Object> branding) {

        NewTenant toNewTenant() {
            return new NewTenant(name, slug, parentId, plan, settings, branding);
        }
    }

    /**
     * {@code PATCH /api/v1/tenants/{tenantId}}: absent fields stay as they are. An explicit null
     * is refused for the top-level fields (a tenant cannot lose its name or become a second
     * root); inside {@code settings} and {@code branding} it removes that key (JSON merge patch).
     * A class with setters rather than a record: Jackson calls a setter only for a field that is
     * present, so "absent" and "null" can be told apart.
     */
    @Schema(name = "TenantUpdateRequest")
    static final class Update {
        private String name;
        private Tenant.Plan plan;
        private Tenant.Status status;
        private UUID parentId;
        private Map<String, Object> settings;
        private Map<String, Object> branding;

        @JsonSetter(nulls = Nulls.FAIL)
        public void setName(String name) {
            this.name = name;
        }

        @JsonSetter(nulls = Nulls.FAIL)
        public void setPlan(Tenant.Plan plan) {
            this.plan = plan;
        }

        @JsonSetter(nulls = Nulls.FAIL)
        @Schema(description = "ACTIVE or SUSPENDED")
        public void setStatus(Tenant.Status status) {
            this.status = status;
        }

        @JsonSetter(nulls = Nulls.FAIL)
        @Schema(description = "moves the tenant, with its subtree, below another tenant")
        public void setParentId(UUID parentId) {
            this.parentId = parentId;
        }

        @JsonSetter(nulls = Nulls.FAIL)
        @Schema(description = "merge patch: a key set to null returns to the default")
        public void setSettings(Map<String, Object> settings) {
            this.settings = settings;
        }

        @JsonSetter(nulls = Nulls.FAIL)
        @Schema(description = "merge patch: a key set to null is removed")
        public void setBranding(Map<String, Object> branding) {
            this.branding = branding;
        }

        TenantChanges toChanges() {
            return new TenantChanges(name, plan, status, parentId, settings, branding);
        }
    }
}
