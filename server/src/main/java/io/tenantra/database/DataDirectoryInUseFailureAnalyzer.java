package io.tenantra.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Replaces the long bean-creation stack trace with one clear message when the data dir is locked. */
class DataDirectoryInUseFailureAnalyzer
        extends AbstractFailureAnalyzer<EmbeddedPostgresServer.DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, EmbeddedPostgresServer.DataDirectoryInUseException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the other server using this data directory, or start this one with "
                        + "TENANTRA_DATA_DIR set to a different directory.",
                cause);
    }
}
