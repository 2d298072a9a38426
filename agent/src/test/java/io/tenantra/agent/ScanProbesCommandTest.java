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

/** {@code scan --once --probes FILE}: content authors try probes on a host, unsigned, locally. */
class ScanProbesCommandTest {

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
    void probesFromAFileAreAnsweredAfterTheModules() throws Exception {
        Path conf = temp.resolve("app.conf");
        Files.writeString(conf, "Listen 8443\n");
        Path probes = temp.resolve("probes.json");
        Files.writeString(probes, """
                [{"id": "p-listen", "kind": "FILE", "targets": ["%s"],
                  "tests": [{"negated": false, "kind": "NUMERIC", "pattern": "^Listen (\\\\d+)", "operator": ">", "value": "1024"}]},
                 {"id": "p-id", "kind": "COMMAND", "targets": ["id -u"], "timeoutSeconds": 5}]
                """.formatted(conf));
        Path output = temp.resolve("scan.json");
        assertThat(run(
                        "scan",
                        "--once",
                        "--modules",
                        "kernel",
                        "--probes",
                        probes.toString(),
                        "--set",
                        "probes.commands=false",
                        "--output",
                        output.toString()))
                .as(err.toString())
                .isZero();
        JsonNode answers =
                ModuleJson.mapper().readTree(Files.readString(output)).path("probeResults");
        assertThat(answers.size()).isEqualTo(2);
        assertThat(answers.get(0).path("outcome").asString()).isEqualTo("FOUND");
        assertThat(answers.get(0).path("evidence").asString()).isEqualTo(conf + ": Listen 8443");
        assertThat(answers.get(1).path("outcome").asString()).isEqualTo("REFUSED");
    }

    @Test
    void aMalformedProbesFileOrSettingIsAUsageError() throws Exception {
        Path probes = temp.resolve("probes.json");
        Files.writeString(probes, "[{\"id\": \"p\", \"kind\": \"FILE\", \"targetz\": []}]");
        assertThat(run("scan", "--once", "--modules", "kernel", "--probes", probes.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("is not a list of probes").contains("targetz");
        assertThat(run("scan", "--once", "--modules", "kernel", "--set", "probes.commands=perhaps"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("probes.commands must be true or false");
    }
}
