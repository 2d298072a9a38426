package io.tenantra.database;

/**
 * Where the database is and who owns the schema there. Holds the embedded server, when there is
 * one, so that closing the endpoint stops it after every pool using it has closed.
 */
final class DatabaseEndpoint implements AutoCloseable {

    private final String jdbcUrl;
    private final String ownerUsername;
    private final String ownerPassword;
    private final EmbeddedPostgresServer embedded;

    DatabaseEndpoint(String jdbcUrl, String ownerUsername, String ownerPassword, EmbeddedPostgresServer embedded) {
        this.jdbcUrl = jdbcUrl;
        this.ownerUsername = ownerUsername;
        this.ownerPassword = ownerPassword;
        this.embedded = embedded;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String ownerUsername() {
        return ownerUsername;
    }

    String ownerPassword() {
        return ownerPassword;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
