package io.tenantra.compliance.export;

import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.model.Severity;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Results as MITRE Heimdall Data Format (HDF, the InSpec "exec JSON" shape Heimdall opens): one
 * profile whose controls are our checks, each with one result per asset.
 *
 * <p>Rows must arrive grouped by check (consecutive rows of one check form its control; rows out of
 * that order are refused); the export endpoint orders its query so. Result status: PASS
 * {@code passed}, FAIL {@code failed}, ERROR {@code error}, NOT_APPLICABLE and UNSUPPORTED
 * {@code skipped} with the reason as {@code skip_message}. An excepted failure stays
 * {@code failed}, its message opening with the exception's reason. Impact follows InSpec's
 * severity bands: info 0.0, low 0.3, medium 0.5, high 0.7, critical 0.9 (Heimdall shows impact 0
 * as "not applicable", which is what an informational check is for posture). NIST SP 800-53
 * mappings go to {@code tags.nist}, the tag Heimdall's NIST views read; every framework mapping is
 * also under {@code tags.frameworks}.
 */
public final class HdfExport {

    static final String NIST_FRAMEWORK = "nist-800-53-r5";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HdfExport() {}

    /** InSpec's impact for a severity. */
    public static double impact(Severity severity) {
        return switch (severity) {
            case INFO -> 0.0;
            case LOW -> 0.3;
            case MEDIUM -> 0.5;
            case HIGH -> 0.7;
            case CRITICAL -> 0.9;
        };
    }

    static String status(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "passed";
            case FAIL -> "failed";
            case ERROR -> "error";
            case NOT_APPLICABLE, UNSUPPORTED -> "skipped";
        };
    }

    /** Writes the whole document; flushes, never closes {@code out}. */
    public static void write(Iterable<ExportRow> rows, String productVersion, Instant exportedAt, Writer out) {
        MessageDigest digest = sha256();
        List<String> controlIds = new ArrayList<>();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectPropertyStart("platform");
            json.writeStringProperty("name", "tenantra");
            json.writeStringProperty("release", productVersion);
            json.writeEndObject();
            json.writeStringProperty("version", productVersion);
            json.writeObjectPropertyStart("statistics");
            json.writeNumberProperty("duration", 0.0);
            json.writeEndObject();
            json.writeObjectPropertyStart("passthrough");
            json.writeStringProperty("exportedAt", exportedAt.toString());
            json.writeStringProperty("source", "Tenantra compliance export");
            json.writeEndObject();

            json.writeArrayPropertyStart("profiles");
            json.writeStartObject();
            json.writeStringProperty("name", "tenantra-compliance");
            json.writeStringProperty("version", exportedAt.toString());
            json.writeStringProperty("title", "Tenantra compliance results");
            json.writeStringProperty("maintainer", "Tenantra");
            json.writeStringProperty("summary", "Checks judged by Tenantra from agent facts and probe answers");
            json.writeStringProperty("status", "loaded");
            json.writeArrayPropertyStart("supports");
            json.writeEndArray();
            json.writeArrayPropertyStart("attributes");
            json.writeEndArray();

            json.writeArrayPropertyStart("controls");
            List<ExportRow> group = new ArrayList<>();
            Set<String> written = new HashSet<>();
            for (ExportRow row : rows) {
                if (!group.isEmpty()
                        && !group.get(0).check().id().equals(row.check().id())) {
                    control(json, group, digest, controlIds, written);
                    group.clear();
                }
                if (group.isEmpty() && written.contains(row.check().id())) {
                    throw new IllegalArgumentException("export rows must be grouped by check");
                }
                group.add(row);
            }
            if (!group.isEmpty()) {
                control(json, group, digest, controlIds, written);
            }
            json.writeEndArray();

            json.writeArrayPropertyStart("groups");
            json.writeStartObject();
            json.writeStringProperty("id", "tenantra");
            json.writeStringProperty("title", "Tenantra checks");
            json.writeArrayPropertyStart("controls");
            for (String id : controlIds) {
                json.writeString(id);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeStringProperty("sha256", HexFormat.of().formatHex(digest.digest()));
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.flush();
        }
    }

    private static void control(
            JsonGenerator json, List<ExportRow> rows, MessageDigest digest, List<String> ids, Set<String> written) {
        ExportRow.CheckInfo check = rows.get(0).check();
        ids.add(check.id());
        written.add(check.id());
        digest.update((check.id() + "@" + check.version() + "\n").getBytes(StandardCharsets.UTF_8));
        json.writeStartObject();
        json.writeStringProperty("id", check.id());
        json.writeStringProperty("title", check.title());
        json.writeStringProperty("desc", check.description());
        json.writeArrayPropertyStart("descriptions");
        description(json, "default", check.description());
        description(json, "rationale", check.rationale());
        description(json, "fix", fix(check));
        json.writeEndArray();
        json.writeNumberProperty("impact", impact(check.severity()));
        json.writeArrayPropertyStart("refs");
        for (String reference : check.references()) {
            json.writeStartObject();
            json.writeStringProperty("url", reference);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectPropertyStart("tags");
        json.writeStringProperty("severity", check.severity().name().toLowerCase(java.util.Locale.ROOT));
        json.writeNumberProperty("check_version", check.version());
        json.writeArrayPropertyStart("nist");
        for (String control : check.frameworks().getOrDefault(NIST_FRAMEWORK, List.of())) {
            json.writeString(control);
        }
        json.writeEndArray();
        json.writeObjectPropertyStart("frameworks");
        for (Map.Entry<String, List<String>> framework : check.frameworks().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .toList()) {
            json.writeArrayPropertyStart(framework.getKey());
            for (String control : framework.getValue()) {
                json.writeString(control);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeStringProperty("code", "");
        json.writeObjectPropertyStart("source_location");
        json.writeStringProperty("ref", "tenantra:" + check.id());
        json.writeEndObject();
        json.writeArrayPropertyStart("results");
        for (ExportRow row : rows) {
            result(json, row);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void result(JsonGenerator json, ExportRow row) {
        ExportRow.Asset asset = row.asset();
        String host = asset.hostname().isEmpty() ? asset.name() : asset.hostname();
        json.writeStartObject();
        json.writeStringProperty("status", status(row.verdict()));
        json.writeStringProperty(
                "code_desc", host + " (" + asset.id() + "): " + row.check().title());
        json.writeNumberProperty("run_time", 0.0);
        json.writeStringProperty("start_time", row.evaluatedAt().toString());
        json.writeStringProperty("resource", host);
        json.writeStringProperty("resource_id", asset.id().toString());
        String evidence = row.evidence().stream().map(ExportRow::describe).collect(Collectors.joining("\n"));
        switch (row.verdict()) {
            case NOT_APPLICABLE, UNSUPPORTED ->
                json.writeStringProperty(
                        "skip_message",
                        (row.verdict() == Verdict.UNSUPPORTED ? "Unsupported: " : "Not applicable: ") + row.reason());
            case ERROR -> {
                json.writeStringProperty("message", row.reason());
                json.writeStringProperty("exception", "evaluation error");
            }
            default -> {
                String message = joinLines(row.reason(), evidence);
                if (row.excepted()) {
                    message = joinLines("Excepted by an approved exception: " + row.exceptionReason(), message);
                }
                json.writeStringProperty("message", message);
            }
        }
        if (row.scanId() != null) {
            json.writeStringProperty("scan_id", row.scanId().toString());
        }
        json.writeEndObject();
    }

    private static void description(JsonGenerator json, String label, String data) {
        if (data == null || data.isEmpty()) {
            return;
        }
        json.writeStartObject();
        json.writeStringProperty("label", label);
        json.writeStringProperty("data", data);
        json.writeEndObject();
    }

    private static String fix(ExportRow.CheckInfo check) {
        if (check.remediationCommands().isEmpty()) {
            return check.remediation();
        }
        return joinLines(check.remediation(), String.join("\n", check.remediationCommands()));
    }

    private static String joinLines(String first, String second) {
        if (first.isEmpty()) {
            return second;
        }
        return second.isEmpty() ? first : first + "\n" + second;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
