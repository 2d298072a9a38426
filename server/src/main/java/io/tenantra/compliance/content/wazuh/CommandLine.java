package io.tenantra.compliance.content.wazuh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a Wazuh {@code c:} command becomes a command probe. Wazuh does not use a shell on Linux or
 * macOS: {@code wm_exec} splits the command on spaces (double quotes group words, a backslash
 * takes the next character literally; single quotes mean nothing) and calls {@code execvp}. The
 * probe must run the very same argument vector:
 *
 * <ul>
 *   <li>a command of plain words (no quote, no backslash) runs as it is, without a shell;
 *   <li>a command with double quotes or backslashes runs through {@code /bin/sh -c} as the argument
 *       vector Wazuh would build, each word in single quotes, so the shell adds nothing (no
 *       expansion, no operators) and the program sees Wazuh's words;
 *   <li>an unquoted {@code |}, {@code ;}, {@code &}, {@code <}, {@code >}, backtick or {@code $(}
 *       given to a program that is not a shell or PowerShell is passed to it as a plain argument by
 *       Wazuh, so the command cannot do what it says: the rule is unsupported;
 *   <li>a Windows policy (one that reads the registry) keeps the command line unchanged: Windows
 *       hands the whole line to the program, which splits it itself.
 * </ul>
 */
final class CommandLine {

    /** Programs that read shell syntax in their own arguments. */
    private static final Set<String> INTERPRETERS =
            Set.of("sh", "bash", "dash", "zsh", "ksh", "powershell", "powershell.exe", "pwsh", "cmd", "cmd.exe");

    private static final String PLAIN = "^[A-Za-z0-9_./:=,+@%^-]+$";

    /** The probe's command text and whether it runs through a shell. */
    record Translation(String command, boolean shell) {}

    private CommandLine() {}

    static Translation translate(String command, boolean windows) {
        if (command.isBlank()) {
            throw new UnsupportedRule("the command is empty");
        }
        if (windows) {
            return new Translation(command, false);
        }
        List<Word> words = split(command);
        String program = words.get(0).text();
        String programName = program.substring(program.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (!INTERPRETERS.contains(programName)) {
            for (Word word : words) {
                if (word.shellSyntax()) {
                    throw new UnsupportedRule("Wazuh runs commands without a shell, so '" + word.text() + "' reaches "
                            + program + " as a plain argument and the command cannot work as written");
                }
            }
        }
        if (command.indexOf('"') < 0 && command.indexOf('\\') < 0) {
            return new Translation(command, false);
        }
        StringBuilder quoted = new StringBuilder();
        for (Word word : words) {
            if (quoted.length() > 0) {
                quoted.append(' ');
            }
            quoted.append(quote(word.text()));
        }
        return new Translation(quoted.toString(), true);
    }

    /** One argument and whether an unquoted part of it is shell syntax. */
    private record Word(String text, boolean shellSyntax) {}

    /** Wazuh's {@code w_strtok}: spaces separate, double quotes group, backslash escapes. */
    private static List<Word> split(String command) {
        List<Word> words = new ArrayList<>();
        StringBuilder current = null;
        boolean quoting = false;
        boolean shellSyntax = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == ' ' && !quoting) {
                if (current != null) {
                    words.add(new Word(current.toString(), shellSyntax));
                }
                current = null;
                shellSyntax = false;
                continue;
            }
            if (current == null) {
                current = new StringBuilder();
            }
            if (c == '"') {
                quoting = !quoting;
            } else if (c == '\\') {
                if (i + 1 < command.length()) {
                    current.append(command.charAt(++i));
                }
            } else {
                if (!quoting && ("|;&<>`".indexOf(c) >= 0 || command.startsWith("$(", i))) {
                    shellSyntax = true;
                }
                current.append(c);
            }
        }
        if (current != null) {
            words.add(new Word(current.toString(), shellSyntax));
        }
        if (words.isEmpty()) {
            throw new UnsupportedRule("the command is empty");
        }
        return words;
    }

    private static String quote(String word) {
        if (word.matches(PLAIN)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
