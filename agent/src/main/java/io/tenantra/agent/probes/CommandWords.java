package io.tenantra.agent.probes;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell splits them, and nothing more: single
 * quotes keep everything literally, double quotes keep everything but {@code \"} and {@code \\},
 * a backslash outside quotes escapes the next character. No variables, globs, pipes, redirection
 * or command separators are interpreted: {@code ;}, {@code |}, {@code $HOME} are plain characters
 * of a word, which is the point of running probes without a shell.
 */
final class CommandWords {

    private CommandWords() {}

    /** The words; throws {@link IllegalArgumentException} for an unclosed quote or an empty line. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\'
                        && i + 1 < line.length()
                        && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + (quote == '"' ? "double" : "single") + " quote");
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        return List.copyOf(words);
    }
}
