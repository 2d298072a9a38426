package io.tenantra.compliance.content;

/**
 * Where something was written: file name as the importer received it, 1-based line (0 when
 * unknown) and the field path ({@code checks[3].rules[1]}). Every content error names one.
 */
public record SourceLocation(String file, int line, String field) {

    public static final SourceLocation BUILT_IN = new SourceLocation("(built in)", 0, "");

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + (field == null || field.isEmpty() ? "" : " " + field);
    }
}
