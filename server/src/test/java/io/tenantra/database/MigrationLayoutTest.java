package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.tenantra.support.ServerTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Migrations live with their module ({@code db/migration/<module>/}, ADR 0007) and moving them
 * there changed no applied migration: every checksum is still the one recorded when the files
 * sat flat in {@code db/migration/}, and a database whose history names the old, flat paths
 * still validates against the new layout, so existing installations start as before.
 */
@ServerTest
class MigrationLayoutTest {

    /** Checksums of the migrations as first released (flat layout); never change one. */
    private static final Map<String, Integer> RELEASED = Map.ofEntries(
            entry("20261121100000", -1268432878),
            entry("20261121110000", 186301894),
            entry("20261121130000", 898890074),
            entry("20261121140000", -1178572186),
            entry("20261121150000", -1512161351),
            entry("20261121160000", -1860337221),
            entry("20261121170000", -1647548227),
            entry("20261121175000", 1102939495),
            entry("20261121180000", 333474706),
            entry("20261122100000", 729022122));

    @Autowired
    DatabaseEndpoint endpoint;

    private JdbcTemplate owner() {
        return new JdbcTemplate(
                new DriverManagerDataSource(endpoint.jdbcUrl(), endpoint.ownerUsername(), endpoint.ownerPassword()));
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.ownerUsername(), endpoint.ownerPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", "unused"))
                .cleanDisabled(true)
                .load();
    }

    @Test
    void releasedMigrationsKeepTheirChecksumsInTheModuleFolders() {
        Map<String, Integer> applied = new LinkedHashMap<>();
        owner().query(
                        "SELECT version, checksum FROM flyway_schema_history WHERE version IS NOT NULL",
                        (rs, i) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> applied.put(e.getKey(), e.getValue()));
        assertThat(applied).containsAllEntriesOf(RELEASED);
        assertThat(flyway().info().pending())
                .as("migrations found but not applied")
                .isEmpty();
    }

    @Test
    void aDatabaseMigratedWithTheFlatLayoutStillValidates() {
        JdbcTemplate owner = owner();
        Map<Integer, String> scripts = new LinkedHashMap<>();
        owner.query(
                        "SELECT installed_rank, script FROM flyway_schema_history",
                        (rs, i) -> Map.entry(rs.getInt(1), rs.getString(2)))
                .forEach(e -> scripts.put(e.getKey(), e.getValue()));
        try {
            // What an installation migrated before the move has recorded: file names without folders.
            owner.update("UPDATE flyway_schema_history SET script = regexp_replace(script, '^.*/', '')");
            ValidateResult result = flyway().validateWithResult();
            assertThat(result.validationSuccessful)
                    .as(String.valueOf(result.invalidMigrations))
                    .isTrue();
        } finally {
            scripts.forEach((rank, script) ->
                    owner.update("UPDATE flyway_schema_history SET script = ? WHERE installed_rank = ?", script, rank));
        }
    }
}
