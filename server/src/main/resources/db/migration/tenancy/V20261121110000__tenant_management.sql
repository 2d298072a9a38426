-- Tenant management: settings and branding become editable through the API.
-- Why: the API validates both documents (TenantSettingsPolicy, TenantBrandingPolicy); these checks
-- make PostgreSQL itself refuse documents that are not JSON objects or are far larger than any
-- valid one (settings: at most 16 KB; branding: an inline logo of 100 KB is about 137 KB of
-- base64), so code that bypasses the API cannot bloat every tenant read. The limits are a little
-- above the API's own so that the API, with its precise messages, always refuses first.

ALTER TABLE tenant
    ADD CONSTRAINT tenant_settings_object CHECK (jsonb_typeof(settings) = 'object'),
    ADD CONSTRAINT tenant_settings_size CHECK (octet_length(settings::text) <= 20480),
    ADD CONSTRAINT tenant_branding_object CHECK (jsonb_typeof(branding) = 'object'),
    ADD CONSTRAINT tenant_branding_size CHECK (octet_length(branding::text) <= 160000);
