package io.tenantra.platform.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

/**
 * Names the field of a duplicate-key error from Jackson's strict duplicate detection, which
 * reports it as a plain read error: the repeated key comes from the message, the object it sits
 * in from the parser's context at the moment of failure.
 */
final class DuplicateKeys {

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate Object property \"(.*)\"", Pattern.DOTALL);

    private DuplicateKeys() {}

    /** The dotted path of the repeated key, or {@code null} if {@code error} is not about one. */
    static String field(Throwable error) {
        if (!(error instanceof StreamReadException read) || read.getOriginalMessage() == null) {
            return null;
        }
        Matcher m = DUPLICATE.matcher(read.getOriginalMessage());
        if (!m.find()) {
            return null;
        }
        String key = m.group(1);
        String parent = "";
        JsonParser parser = read.processor();
        if (parser != null) {
            TokenStreamContext object = parser.streamReadContext();
            if (object != null && object.getParent() != null) {
                parent = dotted(object.getParent().pathAsPointer().toString());
            }
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    // "/tags/0/name" -> "tags[0].name", the shape the other validation errors use.
    private static String dotted(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String segment : pointer.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(name);
            }
        }
        return out.toString();
    }
}
