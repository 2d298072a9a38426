package io.tenantra.agent;

/** The agent's exit codes, as listed in {@code --help}. */
final class ExitCodes {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    /** The server refused the enrollment (bad, expired, exhausted or revoked token; suspended tenant). */
    static final int REFUSED = 3;
    /** The command needs an enrolled agent and there is none in the state directory. */
    static final int NOT_ENROLLED = 4;
    /** The server could not be reached. */
    static final int UNREACHABLE = 5;

    private ExitCodes() {}
}
