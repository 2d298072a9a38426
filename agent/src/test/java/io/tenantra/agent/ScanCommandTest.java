package io.tenantra.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.agent.modules.ModuleJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class ScanCommandTest {

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AgentMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void scanOnceWritesTheDocumentWithTheChosenModules() throws Exception {
        Path output = temp.resolve("scan.json");
        assertThat(run("scan", "--once", "--modules", "kernel,boot", "--output", output.toString()))
                .isZero();
        JsonNode doc = ModuleJson.mapper().readTree(Files.readString(output));
        assertThat(doc.path("agentVersion").asString()).startsWith("0.1.0");
        assertThat(doc.path("os").asString()).isEqualTo("linux");
        assertThat(doc.path("hostname").asString()).isNotBlank();
        assertThat(doc.path("startedAt").asString()).endsWith("Z");
        assertThat(doc.path("modules").size()).isEqualTo(2);
        assertThat(doc.path("modules").get(0).path("module").asString()).isEqualTo("boot"); // registry order
        assertThat(doc.path("modules").get(1).path("status").asString()).isIn("ok", "partial");
        assertThat(doc.path("modules")
                        .get(1)
                        .path("execution")
                        .path("durationMillis")
                        .isNumber())
                .isTrue();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void withoutOutputTheDocumentGoesToStdout() throws Exception {
        assertThat(run("scan", "--once", "--modules", "kernel")).isZero();
        assertThat(ModuleJson.mapper()
                        .readTree(out.toString())
                        .path("modules")
                        .get(0)
                        .path("module")
                        .asString())
                .isEqualTo("kernel");
    }

    @Test
    void anUnknownModuleIsAUsageErrorNamingIt() {
        assertThat(run("scan", "--once", "--modules", "kernel,nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown module nope").contains("known modules: system, packages");
    }

    @Test
    void withoutOnceItIsAUsageError() {
        assertThat(run("scan")).isEqualTo(2);
        assertThat(err.toString()).contains("--once");
    }

    @Test
    void helpListsModulesAndExitCodes() {
        assertThat(run("scan", "--help")).isZero();
        assertThat(out.toString())
                .contains("users ", "network ", "files ", "persistence ")
                .contains("Exit codes:")
                .contains("1   at least one module ended in error");
    }
}
