package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.TenantraApplication;
import io.tenantra.support.Http;
import io.tenantra.support.ServerTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A server on an external PostgreSQL whose schema owner is an ordinary role (CREATEROLE, neither
 * superuser nor BYPASSRLS), as on a managed database service: it migrates, bootstraps its admin,
 * lets the admin log in (which needs the owner's cross-tenant lookup functions to see rows) and
 * keeps a verifiable audit trail. The embedded server of the shared test context plays the
 * external one, with a database and roles of this test's own.
 */
@ServerTest
class ExternalDatabaseTest {

    private static final String ADMIN_PASSWORD = "External-Admin-Password-1";

    @Autowired
    DatabaseEndpoint endpoint;

    @Test
    void anOrdinaryOwnerRoleRunsTheWholeServer() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = "ext_owner_" + suffix;
        String database = "ext_" + suffix;
        try (Connection c = DriverManager.getConnection(
                        endpoint.jdbcUrl(), endpoint.ownerUsername(), endpoint.ownerPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + owner + " LOGIN PASSWORD 'owner-pw' CREATEROLE NOSUPERUSER NOBYPASSRLS");
            s.execute("CREATE DATABASE " + database + " OWNER " + owner + " ENCODING 'UTF8' TEMPLATE template0");
        }
        String url = endpoint.jdbcUrl().replace("/" + DatabaseConfiguration.DATABASE_NAME, "/" + database);
        assertThat(url).contains(database);
        Path dataDir = Files.createTempDirectory(Path.of("target"), "external-db-");
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(TenantraApplication.class)
                .run(
                        "--server.port=0",
                        "--tenantra.data-dir=" + dataDir,
                        "--tenantra.database.url=" + url,
                        "--tenantra.database.username=" + owner,
                        "--tenantra.database.password=owner-pw",
                        "--tenantra.database.app-role=ext_app_" + suffix,
                        "--tenantra.bootstrap.admin-password=" + ADMIN_PASSWORD)) {
            Http http = new Http(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
            String token = http.login("admin", ADMIN_PASSWORD);

            UUID root = server.getBean(JdbcClient.class)
                    .sql("SELECT root_tenant_id()")
                    .query(UUID.class)
                    .single();
            assertThat(root)
                    .as("the owner's lookup functions see the root tenant")
                    .isNotNull();
            JsonNode events = http.get("/api/v1/tenants/" + root + "/audit-events", token)
                    .json()
                    .get("items");
            assertThat(events.toString()).contains("auth.login");
            JsonNode verified = http.get("/api/v1/tenants/" + root + "/audit-events/verify", token)
                    .json();
            assertThat(verified.get("valid").asBoolean())
                    .as(verified.toString())
                    .isTrue();
        }
    }
}
