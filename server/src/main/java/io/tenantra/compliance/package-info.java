/**
 * Compliance: checks as versioned data (our YAML format and imported Wazuh SCA policies), their
 * evaluation against the facts agents collect (fact rules, judged on the server) and the probes
 * agents run on request (probe rules), frameworks and their controls, scores per asset, tenant
 * and MSP subtree with daily history, exceptions with approval and expiry, evidence, exports
 * (CSV, XCCDF 1.2, MITRE HDF) and the {@code /compliance} console pages.
 * Sub-packages: {@code content} (check model, parsers, importers), {@code evaluation} (pure
 * judging), {@code frameworks}, and the store, API, exceptions, export and web packages.
 * Reacts to {@link io.tenantra.agents.ScanJobResultStored}; never calls back into agents for
 * writes.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Compliance",
        allowedDependencies = {"platform", "database", "tenancy", "identity", "console", "agents", "model"})
package io.tenantra.compliance;
