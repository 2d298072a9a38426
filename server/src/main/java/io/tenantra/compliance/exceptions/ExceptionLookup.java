package io.tenantra.compliance.exceptions;

import io.tenantra.platform.context.CallContext;
import java.util.UUID;

/**
 * The exceptions in force for one tenant now (approved, not revoked, not expired at the call's
 * time). Called by the store when it scores; implemented by the exceptions store.
 */
public interface ExceptionLookup {

    ExceptionSet activeFor(CallContext call, UUID tenantId);
}
