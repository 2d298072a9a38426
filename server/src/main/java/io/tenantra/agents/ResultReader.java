package io.tenantra.agents;

import io.tenantra.model.JobResult;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ProbeResult;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a result upload strictly: optional gzip (bounded after decompression too, against zip
 * bombs), JSON in exactly the {@code model} format (unknown fields, duplicate keys and trailing
 * data rejected, nesting and string sizes bounded), then the rules the types cannot express.
 * Too large is 413, malformed JSON 400, well-formed but invalid 422.
 */
@Component
class ResultReader {

    static final int MAX_LOG_LINES = 2000;
    static final int MAX_LOG_LINE = 4000;
    static final int MAX_PROBE_RESULTS = 5000;
    static final int MAX_PROBE_TEXT_BYTES = 4096;
    static final java.util.regex.Pattern PROBE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final AgentsProperties properties;
    private final JsonMapper strict;

    ResultReader(AgentsProperties properties) {
        this.properties = properties;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(1_000_000)
                        .maxNumberLength(64)
                        .build())
                .build();
        this.strict = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
    }

    JsonMapper mapper() {
        return strict;
    }

    /** The decompressed upload; 415 for an unknown encoding or media type, 413 when too large. */
    byte[] decode(byte[] raw, String contentType, String contentEncoding) {
        if (contentType == null
                || !contentType.toLowerCase(Locale.ROOT).split(";")[0].trim().equals("application/json")) {
            throw new ApiException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Results must be sent as application/json.");
        }
        String encoding =
                contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "identity", "" -> raw;
            case "gzip", "x-gzip" -> gunzip(raw, properties.maxResultDecompressedBytes());
            default ->
                throw new ApiException(
                        ProblemType.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Encoding '" + encoding + "' is not supported; use gzip.");
        };
    }

    JobResult parse(byte[] json, UUID jobId, List<String> knownModules) {
        JobResult result;
        try {
            result = strict.readValue(json, JobResult.class);
        } catch (StreamConstraintsException e) {
            throw ApiException.invalid("body", "exceeds the parser's limits: " + e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalid(path(e), "is not a known field");
        } catch (StreamReadException e) {
            throw new ApiException(
                    ProblemType.MALFORMED_BODY, "The result is not valid JSON: " + e.getOriginalMessage());
        } catch (DatabindException e) {
            throw ApiException.invalid(path(e), "does not match the result format: " + e.getOriginalMessage());
        } catch (JacksonException e) {
            throw new ApiException(ProblemType.MALFORMED_BODY, "The result could not be read.");
        }
        if (result == null) {
            throw ApiException.invalid("body", "must be a result object");
        }
        if (!jobId.equals(result.jobId())) {
            throw ApiException.invalid("jobId", "must be the job id of the path");
        }
        if (result.results().isEmpty()) {
            throw ApiException.invalid("results", "must hold one result per module of the job");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < result.results().size(); i++) {
            ModuleResult module = result.results().get(i);
            if (!knownModules.contains(module.module())) {
                throw ApiException.invalid(
                        "results[" + i + "].module", "'" + module.module() + "' is not a known module");
            }
            if (!seen.add(module.module())) {
                throw ApiException.invalid("results[" + i + "].module", "'" + module.module() + "' appears twice");
            }
        }
        if (result.log().size() > MAX_LOG_LINES
                || result.log().stream().anyMatch(line -> line == null || line.length() > MAX_LOG_LINE)) {
            throw ApiException.invalid(
                    "log", "must hold at most " + MAX_LOG_LINES + " lines of at most " + MAX_LOG_LINE + " characters");
        }
        checkProbeResults(result.probeResults());
        return result;
    }

    /** Ids well-formed and distinct, evidence and messages bounded and storable as text. */
    private static void checkProbeResults(List<ProbeResult> answers) {
        if (answers.size() > MAX_PROBE_RESULTS) {
            throw ApiException.invalid("probeResults", "must hold at most " + MAX_PROBE_RESULTS + " answers");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < answers.size(); i++) {
            ProbeResult answer = answers.get(i);
            String field = "probeResults[" + i + "]";
            if (!PROBE_ID.matcher(answer.id()).matches()) {
                throw ApiException.invalid(field + ".id", "must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
            }
            if (!seen.add(answer.id())) {
                throw ApiException.invalid(field + ".id", "'" + answer.id() + "' appears twice");
            }
            checkText(answer.evidence(), field + ".evidence");
            checkText(answer.message(), field + ".message");
        }
    }

    private static void checkText(String text, String field) {
        if (text == null) {
            return;
        }
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PROBE_TEXT_BYTES) {
            throw ApiException.invalid(field, "must be at most " + MAX_PROBE_TEXT_BYTES + " bytes");
        }
        if (text.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL characters; say so instead of failing on insert.
            throw ApiException.invalid(field, "contains NUL characters");
        }
    }

    private static byte[] gunzip(byte[] raw, long limit) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw), 16 * 1024)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(raw.length * 4, 1 << 20));
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > limit) {
                    throw new ApiException(
                            ProblemType.PAYLOAD_TOO_LARGE,
                            "The result is larger than " + limit + " bytes once decompressed.");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new ApiException(ProblemType.MALFORMED_BODY, "The body is not valid gzip.");
        } catch (IOException e) {
            throw new ApiException(ProblemType.MALFORMED_BODY, "The body could not be decompressed.");
        }
    }

    private static String path(DatabindException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }
}
