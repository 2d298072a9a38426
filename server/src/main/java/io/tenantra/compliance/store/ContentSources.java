package io.tenantra.compliance.store;

import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rules every imported file meets before a parser sees it, and how a parser's complaints become
 * a 422 problem: one entry in {@code errors[]} per problem, naming the file's field path and,
 * in the message, the file and line.
 */
public final class ContentSources {

    static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    /** Imported files are small: the largest public SCA policies are about 300 KiB. */
    public static final int MAX_CHARS = 1_000_000;

    private ContentSources() {}

    /** 422 unless the file name and text are acceptable. */
    public static void check(String fileName, String source) {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
            throw ApiException.invalid("fileName", "must be 1 to 200 letters, digits, dots, dashes or underscores");
        }
        if (source == null || source.isBlank()) {
            throw ApiException.invalid("body", "is empty");
        }
        if (source.length() > MAX_CHARS) {
            throw ApiException.invalid("body", "must be at most " + MAX_CHARS + " characters");
        }
        String violation = TextRules.violation(source, TextRules.Mode.MULTILINE);
        if (violation != null) {
            throw ApiException.invalid("body", violation);
        }
    }

    /** The 422 answer for content a parser refused. */
    public static ApiException invalid(ContentException e) {
        List<ApiException.FieldError> errors =
                e.problems().stream().map(ContentSources::error).toList();
        return new ApiException(
                ProblemType.VALIDATION_FAILED,
                "The file has " + errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + ".",
                errors.isEmpty() ? List.of(new ApiException.FieldError("body", e.getMessage())) : errors);
    }

    private static ApiException.FieldError error(ContentProblem problem) {
        String field = problem.location() == null
                        || problem.location().field() == null
                        || problem.location().field().isEmpty()
                ? "body"
                : problem.location().field();
        return new ApiException.FieldError(field, problem.toString());
    }

    public static String sha256(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
