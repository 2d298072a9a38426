package io.tenantra.agent.probes;

import io.tenantra.agent.modules.CommandResult;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND and REGISTRY probes, which start programs.
 *
 * <p>COMMAND: the target is split into words and run directly ({@link CommandWords}: no shell, so
 * no expansion, pipes or separators), or through {@code /bin/sh -c} only when the probe says
 * {@code shell}. Limits: the probe's timeout capped by the agent's ({@code min}, the agent's cap
 * when the probe sets none), stdout cut at 1 MiB, a fixed PATH and {@code LC_ALL=C}. The exit
 * code does not decide: the output of a failing program is still output. Lines of stdout, then
 * of stderr, are tested; without tests the probe is found when the program ran. A program that
 * does not exist or cannot run, a time-out, or output cut at the cap without a match answer ERROR
 * (never NOT_FOUND, which a check could invert into a pass). Refused when the agent's local
 * setting {@code probes.commands=false}.
 *
 * <p>REGISTRY: Windows only, through {@code reg query <key> [/v <value>]}. Exit 1 (no such key or
 * value) is NOT_FOUND. With a value name, the tested line is the value's data, with
 * {@code REG_DWORD} and {@code REG_QWORD} data turned from hex into decimal so numeric tests
 * compare numbers; without one, every output line of the key.
 */
final class CommandProbes {

    static final String REG = "C:/Windows/System32/reg.exe";

    private final ProbeCommands commands;
    private final ProbeSettings settings;
    private final OsFamily os;

    CommandProbes(ProbeCommands commands, ProbeSettings settings, OsFamily os) {
        this.commands = commands;
        this.settings = settings;
        this.os = os;
    }

    ProbeResult command(Probe probe, LineTests tests, Deadline deadline) {
        if (!settings.commandsAllowed()) {
            return Answers.refused(probe, "command probes are disabled on this agent");
        }
        if (probe.targets().isEmpty()) {
            return Answers.error(probe, "no command");
        }
        String line = probe.targets().get(0);
        List<String> argv;
        try {
            argv = probe.shell() ? List.of("/bin/sh", "-c", line) : CommandWords.split(line);
        } catch (IllegalArgumentException e) {
            return Answers.error(probe, "cannot split the command: " + e.getMessage());
        }
        Duration timeout = timeout(probe, deadline);
        CommandResult result =
                commands.within(timeout, settings.maxOutputBytes()).run(argv);
        if (result.timedOut()) {
            return Answers.error(probe, "timed out after " + timeout.toSeconds() + " s");
        }
        if (result.notFound() && !probe.shell()) {
            return Answers.error(probe, "program not found: " + argv.get(0));
        }
        if (result.exitCode() == CommandResult.NOT_EXECUTABLE && !probe.shell()) {
            return Answers.error(probe, "cannot run " + argv.get(0) + ": " + result.failure());
        }
        List<String> lines = new ArrayList<>(Texts.lines(result.stdout()));
        lines.addAll(Texts.lines(result.stderr()));
        if (tests.isEmpty()) {
            return Answers.found(probe, "exit " + result.exitCode() + (lines.isEmpty() ? "" : ": " + lines.get(0)));
        }
        for (String out : lines) {
            if (tests.satisfiedBy(out, deadline)) {
                return Answers.found(probe, out);
            }
        }
        if (result.truncated()) {
            return Answers.error(
                    probe, "output longer than " + settings.maxOutputBytes() + " bytes; no match in the part kept");
        }
        return Answers.notFound(
                probe, "no output line matched (exit " + result.exitCode() + ", " + lines.size() + " lines)");
    }

    ProbeResult registry(Probe probe, LineTests tests, Deadline deadline) {
        if (os != OsFamily.WINDOWS) {
            return Answers.error(probe, "registry probes need Windows");
        }
        if (probe.targets().isEmpty()) {
            return Answers.error(probe, "no registry key");
        }
        List<String> argv =
                new ArrayList<>(List.of(REG, "query", probe.targets().get(0)));
        if (probe.registryValue() != null) {
            argv.addAll(List.of("/v", probe.registryValue()));
        }
        Duration timeout = timeout(probe, deadline);
        CommandResult result =
                commands.within(timeout, settings.maxOutputBytes()).run(argv);
        if (result.timedOut()) {
            return Answers.error(probe, "reg query timed out after " + timeout.toSeconds() + " s");
        }
        if (result.exitCode() == 1) {
            return Answers.notFound(probe, "no such " + (probe.registryValue() == null ? "key" : "value"));
        }
        if (result.exitCode() != 0) {
            return Answers.error(probe, "reg query failed: " + result.failure());
        }
        List<String> lines = probe.registryValue() == null
                ? Texts.lines(result.stdout()).stream()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList()
                : valueData(result.stdout(), probe.registryValue());
        if (probe.registryValue() != null && lines.isEmpty()) {
            return Answers.notFound(probe, "no such value");
        }
        if (tests.isEmpty()) {
            return Answers.found(probe, lines.isEmpty() ? probe.targets().get(0) : lines.get(0));
        }
        for (String line : lines) {
            if (tests.satisfiedBy(line, deadline)) {
                return Answers.found(probe, line);
            }
        }
        return Answers.notFound(probe, "no registry data matched");
    }

    /** The data of {@code name} in {@code reg query /v} output: {@code    name    REG_TYPE    data}. */
    static List<String> valueData(String output, String name) {
        for (String line : Texts.lines(output)) {
            String[] fields = line.strip().split("\\s{4}|\\t", 3);
            if (fields.length >= 2 && fields[0].equalsIgnoreCase(name)) {
                String type = fields[1].strip().toUpperCase(Locale.ROOT);
                String data = fields.length == 3 ? fields[2].strip() : "";
                if ((type.equals("REG_DWORD") || type.equals("REG_QWORD")) && data.startsWith("0x")) {
                    try {
                        data = new java.math.BigInteger(data.substring(2), 16).toString();
                    } catch (NumberFormatException ignored) {
                        // keep the text as reg printed it
                    }
                }
                return List.of(data);
            }
        }
        return List.of();
    }

    /** The probe's own limit (or the agent's cap when it sets none), never beyond the cap or the budget left. */
    private Duration timeout(Probe probe, Deadline deadline) {
        Duration cap = settings.commandTimeoutCap();
        Duration asked = probe.timeoutSeconds() > 0 ? Duration.ofSeconds(probe.timeoutSeconds()) : cap;
        Duration limit = asked.compareTo(cap) < 0 ? asked : cap;
        Duration left = Duration.ofMillis(Math.max(1000, deadline.remainingMillis()));
        return limit.compareTo(left) < 0 ? limit : left;
    }
}
