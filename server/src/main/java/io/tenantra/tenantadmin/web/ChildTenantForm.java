package io.tenantra.tenantadmin.web;

/** The console's "create a child tenant" form, as typed (the plan is parsed, not trusted). */
public record ChildTenantForm(String name, String slug, String plan) {

    static final ChildTenantForm EMPTY = new ChildTenantForm("", "", "FREE");
}
