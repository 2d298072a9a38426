package io.tenantra.compliance.content;

/** Where a policy came from: shipped with the product, or imported by a tenant. */
public enum PolicyOrigin {
    BUILT_IN,
    IMPORTED_TENANTRA,
    IMPORTED_WAZUH
}
