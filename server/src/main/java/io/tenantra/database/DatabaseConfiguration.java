package io.tenantra.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tenantra.platform.TenantraProperties;
import io.tenantra.platform.secrets.SecretKeyring;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * Starts or connects to PostgreSQL, migrates it as the owner, and exposes the application's pool,
 * which runs as the restricted application role.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    static final String DATABASE_NAME = "tenantra";

    @Bean(destroyMethod = "close")
    DatabaseEndpoint databaseEndpoint(DatabaseProperties database, TenantraProperties tenantra) {
        if (!database.embedded()) {
            return new DatabaseEndpoint(database.url(), database.username(), database.password(), null);
        }
        EmbeddedPostgresServer server =
                EmbeddedPostgresServer.start(tenantra.dataDir(), database.binariesDir(tenantra.dataDir()));
        try {
            createDatabaseIfMissing(server);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("Could not prepare the embedded database", e);
        }
        return new DatabaseEndpoint(server.jdbcUrl(DATABASE_NAME), "postgres", "", server);
    }

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(DatabaseEndpoint endpoint, DatabaseProperties database, SecretKeyring keyring) {
        String password = DatabaseSchema.migrate(endpoint, database.appRole(), keyring);
        HikariConfig config = new HikariConfig();
        config.setPoolName("tenantra");
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(database.appRole());
        config.setPassword(password);
        config.setMaximumPoolSize(database.poolSize());
        config.setAutoCommit(true);
        // A JDBC batch of single-row INSERTs goes to the server as multi-row INSERTs: a fleet's
        // compliance verdicts are written hundreds of thousands at a time.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            refuseRoleThatBypassesRowLevelSecurity(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    /** Replaces Spring Boot's default JDBC transaction manager; see the class for why. */
    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource, ObjectProvider<CommitStatements> sources) {
        return new CommitRoundTripTransactionManager(
                dataSource, SingletonSupplier.of(() -> sources.orderedStream().toList()));
    }

    private static void createDatabaseIfMissing(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE_NAME + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + DATABASE_NAME + " ENCODING 'UTF8' TEMPLATE template0");
        }
    }

    // Isolation depends on this: a superuser or BYPASSRLS role would see every tenant's rows.
    private static void refuseRoleThatBypassesRowLevelSecurity(DataSource pool) {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            if (!rs.next() || rs.getBoolean(2) || rs.getBoolean(3)) {
                throw new IllegalStateException(
                        "The application database role " + (rs.isAfterLast() ? "?" : rs.getString(1))
                                + " is a superuser or bypasses row-level security; refusing to start.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not connect as the application database role", e);
        }
    }
}
