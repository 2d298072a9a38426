package io.tenantra.agent.modules.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Patterns that legitimate scheduled jobs and shell start-up files rarely contain but persistence
 * implants often do: download-and-run, reverse shells, decoded payloads, binaries run from
 * world-writable temporary directories, forced library preloading.
 */
final class Suspicious {

    private static final Map<String, Pattern> PATTERNS = Map.of(
            "download piped to a shell",
                    Pattern.compile("(curl|wget|fetch)\\b[^|;&]*\\|\\s*(sudo\\s+)?(ba|da|z|k)?sh\\b"),
            "reverse shell via /dev/tcp", Pattern.compile("/dev/(tcp|udp)/"),
            "netcat executing a program", Pattern.compile("\\bn(c|cat|etcat)\\b[^;|&]*\\s-(e|c)\\s"),
            "base64-decoded payload", Pattern.compile("base64\\s+(-d|--decode|-D)\\b"),
            "interactive shell redirected", Pattern.compile("\\b(ba)?sh\\s+-i\\b.*[<>]"),
            "program run from a temporary directory",
                    Pattern.compile("(^|[\\s;|&'\"])(/tmp|/var/tmp|/dev/shm)/[^\\s;|&]+"),
            "library preloading", Pattern.compile("\\bLD_PRELOAD\\s*="),
            "inline interpreter code", Pattern.compile("\\b(python[0-9.]*|perl|ruby|php)\\s+-(c|e|r)\\s"));

    private Suspicious() {}

    /** The names of the patterns a command line matches, sorted. */
    static List<String> reasons(String line) {
        List<String> reasons = new ArrayList<>();
        PATTERNS.forEach((reason, pattern) -> {
            if (pattern.matcher(line).find()) {
                reasons.add(reason);
            }
        });
        reasons.sort(null);
        return reasons;
    }
}
