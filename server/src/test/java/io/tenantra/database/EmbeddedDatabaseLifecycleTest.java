package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.TenantraApplication;
import io.tenantra.identity.AuthService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded database is durable (fsync and synchronous commits on), keeps its data across
 * restarts, refuses a second server on the same data directory with a clear message, and the
 * first start prints a random admin password exactly once.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseLifecycleTest {

    private static ConfigurableApplicationContext start(Path dataDir) {
        // Command-line arguments outrank application.yml; builder "properties" would not.
        return new SpringApplicationBuilder(TenantraApplication.class)
                .run(
                        "--server.port=0",
                        "--tenantra.data-dir=" + dataDir,
                        "--tenantra.bootstrap.admin-password=",
                        "--logging.level.io.tenantra=info");
    }

    @Test
    void dataSurvivesARestartAndTheGeneratedPasswordIsShownOnce(CapturedOutput output) throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "lifecycle-");
        String password;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Matcher m = Pattern.compile("password: (\\S+)").matcher(output.getAll());
            assertThat(m.find())
                    .as("the first start prints the generated password")
                    .isTrue();
            password = m.group(1);
            assertThat(password).hasSizeGreaterThanOrEqualTo(16);
            assertThat(first.getBean(AuthService.class).authenticate("admin", password))
                    .isPresent();
            // Durable, unlike the library's test defaults (-F): an acknowledged commit is on disk.
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                assertThat(jdbc.sql("SELECT current_setting(?)")
                                .param(setting)
                                .query(String.class)
                                .single())
                        .as(setting)
                        .isEqualTo("on");
            }

            // A second server on the same directory must fail fast and say why.
            assertThatThrownBy(() -> start(dataDir))
                    .rootCause()
                    .isInstanceOf(EmbeddedPostgresServer.DataDirectoryInUseException.class)
                    .hasMessageContaining("in use by another running Tenantra server")
                    .hasMessageContaining("TENANTRA_DATA_DIR");
        }
        int printedBefore = countOccurrences(output.getAll(), "password: ");

        try (ConfigurableApplicationContext second = start(dataDir)) {
            // Same admin, same password: the data was kept and no new admin was bootstrapped.
            assertThat(second.getBean(AuthService.class).authenticate("admin", password))
                    .isPresent();
            assertThat(second.getBean(AuthService.class).authenticate("admin", "wrong"))
                    .isEmpty();
        }
        assertThat(countOccurrences(output.getAll(), "password: ")).isEqualTo(printedBefore);
    }

    private static int countOccurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
