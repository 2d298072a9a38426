package io.tenantra.compliance.export;

import static io.tenantra.compliance.export.ExportFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.model.Severity;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * MITRE HDF: the fields the HDF exec-JSON schema requires at each level (platform, version,
 * statistics, profiles with sha256, supports, attributes, groups and controls; controls with id,
 * impact, refs, tags, code, source_location and results; results with status, code_desc and
 * start_time), the status and impact mappings, and the NIST tag Heimdall reads.
 */
class HdfExportTest {

    private static JsonNode hdf(List<ExportRow> rows) {
        StringWriter out = new StringWriter();
        HdfExport.write(rows, "0.1.0", AT, out);
        return JsonMapper.builder().build().readTree(out.toString());
    }

    @Test
    void controlsPerCheckWithOneResultPerAsset() {
        JsonNode doc = hdf(List.of(
                row(WEB, SSH, Verdict.PASS),
                row(DB, SSH, Verdict.FAIL),
                row(WEB, AIDE, Verdict.NOT_APPLICABLE),
                row(DB, AIDE, Verdict.ERROR),
                excepted(WEB, BANNER),
                row(DB, BANNER, Verdict.UNSUPPORTED)));

        assertThat(doc.get("platform").get("name").asString()).isEqualTo("tenantra");
        assertThat(doc.get("platform").get("release").asString()).isEqualTo("0.1.0");
        assertThat(doc.get("version").asString()).isEqualTo("0.1.0");
        assertThat(doc.get("statistics").isObject()).isTrue();
        JsonNode profile = doc.get("profiles").get(0);
        for (String field : List.of("name", "sha256", "supports", "attributes", "groups", "controls")) {
            assertThat(profile.has(field)).as(field).isTrue();
        }
        assertThat(profile.get("sha256").asString()).matches("[0-9a-f]{64}");
        assertThat(profile.get("groups").get(0).get("controls").valueStream().map(JsonNode::asString))
                .containsExactly("tn-linux-ssh-root-login", "tn-linux-aide", "tn-linux-banner");

        JsonNode ssh = profile.get("controls").get(0);
        for (String field : List.of(
                "id",
                "title",
                "desc",
                "descriptions",
                "impact",
                "refs",
                "tags",
                "code",
                "source_location",
                "results")) {
            assertThat(ssh.has(field)).as(field).isTrue();
        }
        assertThat(ssh.get("impact").asDouble()).isEqualTo(0.7);
        assertThat(ssh.get("tags").get("nist").valueStream().map(JsonNode::asString))
                .containsExactly("AC-6(2)", "CM-6");
        assertThat(ssh.get("tags")
                        .get("frameworks")
                        .get("tenantra-linux-l1")
                        .get(0)
                        .asString())
                .isEqualTo("5.2.7");
        assertThat(ssh.get("refs").get(0).get("url").asString())
                .isEqualTo("https://example.com/tn-linux-ssh-root-login");
        assertThat(ssh.get("descriptions")
                        .valueStream()
                        .filter(d -> d.get("label").asString().equals("fix"))
                        .findFirst()
                        .orElseThrow()
                        .get("data")
                        .asString())
                .contains("systemctl reload ssh");
        JsonNode results = ssh.get("results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("status").asString()).isEqualTo("passed");
        assertThat(results.get(0).get("code_desc").asString()).startsWith("web-1.example.com (" + WEB.id() + ")");
        assertThat(results.get(0).get("start_time").asString()).isEqualTo("2026-12-03T10:15:30Z");
        assertThat(results.get(0).get("run_time").isNumber()).isTrue();
        assertThat(results.get(1).get("status").asString()).isEqualTo("failed");
        assertThat(results.get(1).get("message").asString()).contains("observed: yes; expected: no");

        JsonNode aide = profile.get("controls").get(1);
        assertThat(aide.get("impact").asDouble()).isEqualTo(0.9);
        assertThat(aide.get("results").get(0).get("status").asString()).isEqualTo("skipped");
        assertThat(aide.get("results").get(0).get("skip_message").asString()).startsWith("Not applicable: ");
        assertThat(aide.get("results").get(1).get("status").asString()).isEqualTo("error");

        JsonNode banner = profile.get("controls").get(2);
        assertThat(banner.get("impact").asDouble()).isEqualTo(0.0);
        assertThat(banner.get("results").get(0).get("status").asString()).isEqualTo("failed");
        assertThat(banner.get("results").get(0).get("message").asString())
                .startsWith("Excepted by an approved exception: Accepted until the migration");
        assertThat(banner.get("results").get(1).get("skip_message").asString()).startsWith("Unsupported: ");
    }

    @Test
    void impactFollowsInspecSeverityBands() {
        assertThat(HdfExport.impact(Severity.INFO)).isEqualTo(0.0);
        assertThat(HdfExport.impact(Severity.LOW)).isEqualTo(0.3);
        assertThat(HdfExport.impact(Severity.MEDIUM)).isEqualTo(0.5);
        assertThat(HdfExport.impact(Severity.HIGH)).isEqualTo(0.7);
        assertThat(HdfExport.impact(Severity.CRITICAL)).isEqualTo(0.9);
    }

    @Test
    void rowsOutOfCheckOrderAreRefused() {
        List<ExportRow> scattered =
                List.of(row(WEB, SSH, Verdict.PASS), row(WEB, AIDE, Verdict.PASS), row(DB, SSH, Verdict.PASS));
        assertThatThrownBy(() -> HdfExport.write(scattered, "0.1.0", AT, new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouped by check");
    }
}
