/**
 * The MSP roll-up: one page ({@code /msp/clients}) with a row per customer tenant below the
 * user's own, and columns the modules that own the figures contribute as {@link
 * io.tenantra.console.ClientColumn} beans (agents, risks, scans, compliance), each read for all
 * customers at once. Owns no data of its own. Depends on platform, identity, tenancy and the
 * console shell.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "MSP roll-up",
        allowedDependencies = {"platform", "identity", "tenancy", "console"})
package io.tenantra.msp;
