/**
 * Shared kernel used by every module: the HTTP edge (request ids, body limits, RFC 9457 problem
 * responses), the injected {@link java.time.Clock}, and the data directory. Nothing here knows
 * about tenants, users or any business concept.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Platform (shared kernel)",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.tenantra.platform;
