package io.tenantra.platform.secrets;

/**
 * A stored secret could not be opened: sealed under a key this server does not have, altered,
 * moved to another row, or not sealed at all. Always a server-side fault; callers fail closed.
 */
public class SecretIntegrityException extends IllegalStateException {

    public SecretIntegrityException(String message) {
        super(message);
    }

    public SecretIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
