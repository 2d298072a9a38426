package io.tenantra.scheduling;

import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every invalid field of one request, so a client learns all its mistakes in one 422
 * (RFC 9457 {@code errors[]}) and nothing is half-applied.
 */
final class Fields {

    static final Pattern CONTENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}");
    static final int MAX_TAG_VALUE = 200;

    private final List<ApiException.FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new ApiException.FieldError(field, message));
    }

    boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** A required single-line name of 1..max characters, stripped; null (and an error) otherwise. */
    String name(String field, String value, int max) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            add(field, "is required");
            return null;
        }
        if (TextRules.length(stripped) > max) {
            add(field, "must be at most " + max + " characters");
            return null;
        }
        if (stripped.chars().anyMatch(Character::isISOControl)) {
            add(field, "must be one line of printable text");
            return null;
        }
        return stripped;
    }

    /** Optional free text of at most {@code max} characters; "" when absent. */
    String text(String field, String value, int max) {
        String stripped = value == null ? "" : value.strip();
        if (TextRules.length(stripped) > max) {
            add(field, "must be at most " + max + " characters");
        }
        return stripped;
    }

    /** Distinct content ids (policies, frameworks), at most {@code max}; an empty list when absent. */
    List<String> ids(String field, List<String> values, int max) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > max) {
            add(field, "must hold at most " + max + " ids");
            return List.of();
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || !CONTENT_ID.matcher(value).matches()) {
                add(field, "'" + value + "' is not an id: 1-100 of a-z, 0-9, '.', '_', '-'");
                return List.of();
            }
            distinct.add(value);
        }
        return List.copyOf(distinct);
    }

    /** An optional integer within {@code min..max}. */
    Integer range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "must be between " + min + " and " + max);
            return null;
        }
        return value;
    }

    void tag(String keyField, String key, String valueField, String value) {
        if (key == null || !TAG_KEY.matcher(key).matches()) {
            add(keyField, "must be 1-64 letters, digits or _.:/- and start with a letter or digit");
        }
        if (value == null || value.isEmpty() || TextRules.length(value) > MAX_TAG_VALUE) {
            add(valueField, "is required, at most " + MAX_TAG_VALUE + " characters");
        }
    }

    /** Throws the 422 naming every invalid field, if any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiException(
                    ProblemType.VALIDATION_FAILED, "The request has invalid fields.", List.copyOf(errors));
        }
    }
}
