package io.tenantra.agent.probes;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The agent's own limits on probes, set locally by whoever runs the agent (never by the server):
 * {@code probes.commands=false} refuses every command probe; {@code probes.commandTimeoutSeconds}
 * caps each command (default 30); {@code probes.timeBudgetSeconds} bounds all probes of one job
 * together (default 60).
 *
 * @param maxOutputBytes stdout kept per command; longer output is cut
 */
public record ProbeSettings(
        boolean commandsAllowed, Duration commandTimeoutCap, Duration timeBudget, int maxOutputBytes) {

    public static final String COMMANDS = "probes.commands";
    public static final String COMMAND_TIMEOUT = "probes.commandTimeoutSeconds";
    public static final String TIME_BUDGET = "probes.timeBudgetSeconds";
    static final int DEFAULT_OUTPUT_BYTES = 1024 * 1024;

    public static ProbeSettings defaults() {
        return new ProbeSettings(true, Duration.ofSeconds(30), Duration.ofSeconds(60), DEFAULT_OUTPUT_BYTES);
    }

    /** From local settings; an unparsable value is an error rather than a silent default. */
    public static ProbeSettings from(Map<String, String> settings) {
        ProbeSettings d = defaults();
        String commands = settings.get(COMMANDS);
        boolean allowed = d.commandsAllowed();
        if (commands != null) {
            allowed = switch (commands.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default ->
                    throw new IllegalArgumentException(COMMANDS + " must be true or false, not '" + commands + "'");
            };
        }
        return new ProbeSettings(
                allowed,
                seconds(settings, COMMAND_TIMEOUT, d.commandTimeoutCap(), 1, 600),
                seconds(settings, TIME_BUDGET, d.timeBudget(), 1, 3600),
                d.maxOutputBytes());
    }

    private static Duration seconds(Map<String, String> settings, String key, Duration fallback, int min, int max) {
        String value = settings.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + n);
            }
            return Duration.ofSeconds(n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of seconds, not '" + value + "'");
        }
    }
}
