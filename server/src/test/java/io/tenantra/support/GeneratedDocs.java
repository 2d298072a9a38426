package io.tenantra.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tables in {@code docs/} that are generated from the code, between
 * {@code <!-- generated:NAME -->} and {@code <!-- /generated:NAME -->} markers. A test compares
 * them with the code; run it with {@code -Dtenantra.docs.write=true} to rewrite them instead.
 */
public final class GeneratedDocs {

    private GeneratedDocs() {}

    /** Fails when the section {@code name} of {@code doc} is not exactly {@code table}. */
    public static void assertSection(Path doc, String name, String table) throws IOException {
        String text = Files.readString(doc);
        String expected = replace(text, name, table);
        if (Boolean.getBoolean("tenantra.docs.write") && !text.equals(expected)) {
            Files.writeString(doc, expected);
            text = expected;
        }
        assertThat(text)
                .as("%s is out of date; rerun with -Dtenantra.docs.write=true", doc)
                .isEqualTo(expected);
    }

    public static String replace(String text, String name, String table) {
        int start = text.indexOf(marker(name));
        int end = text.indexOf("<!-- /generated:" + name + " -->");
        assertThat(start).as("marker %s", marker(name)).isNotNegative();
        assertThat(end).as("end marker of %s", name).isGreaterThan(start);
        return text.substring(0, start + marker(name).length()) + "\n" + table + "\n" + text.substring(end);
    }

    public static String marker(String name) {
        return "<!-- generated:" + name + " -->";
    }
}
