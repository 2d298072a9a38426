package io.tenantra.agents;

import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Labels on tokens and agents: bounded in number and size, keys from a safe alphabet. */
final class Tags {

    static final int MAX_TAGS = 32;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}");
    private static final int MAX_VALUE = 200;

    private Tags() {}

    /** The tags sorted by key; 422 on {@code field} when any is unacceptable. */
    static Map<String, String> validate(Map<String, String> tags, String field) {
        if (tags == null) {
            return Map.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiException.invalid(field, "must have at most " + MAX_TAGS + " entries");
        }
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getKey() == null || !KEY.matcher(tag.getKey()).matches()) {
                throw ApiException.invalid(
                        field, "keys must be 1-64 letters, digits or _.:/- and start with a letter or digit");
            }
            if (tag.getValue() == null || TextRules.length(tag.getValue()) > MAX_VALUE) {
                throw ApiException.invalid(
                        field + "." + tag.getKey(), "must be a string of at most " + MAX_VALUE + " characters");
            }
            sorted.put(tag.getKey(), tag.getValue());
        }
        return sorted;
    }
}
